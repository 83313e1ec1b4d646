package vn.lienthong.core.pdf;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * A stencil mask ({@code /ImageMask true}) of more than {@link BoundedRenderer#MAX_IMAGE_PIXELS}, painted at
 * a subsampling: PDFBox paints a stencil into an ARGB image of its full size whatever the
 * resolution drawn at (a mask declared 32 000 pixels square with one byte of data was 4 GB).
 * Its 1-bit rows are read as a stream, every {@code subsampling}-th sample of every
 * {@code subsampling}-th row kept; a short stream paints nothing further. Anything else is the
 * original's.
 */
final class SubsampledStencil extends ReadOnlyImage {
  private final int subsampling;
  private final RenderingBudget budget;

  SubsampledStencil(PDImageXObject original, int subsampling, RenderingBudget budget) {
    super(original);
    this.subsampling = subsampling;
    this.budget = budget;
  }

  @Override
  public BufferedImage getStencilImage(java.awt.Paint paint) throws IOException {
    int w = original.getWidth();
    int h = original.getHeight();
    int s = subsampling;
    int outW = (w + s - 1) / s;
    int outH = (h + s - 1) / s;
    org.apache.pdfbox.cos.COSArray decode = original.getDecode();
    boolean onesPaint = decode != null && decode.size() >= 1
        && decode.getObject(0) instanceof org.apache.pdfbox.cos.COSNumber first
        && first.floatValue() >= 0.5f;
    int argb = paint instanceof java.awt.Color c ? c.getRGB() : 0xff000000;
    BufferedImage out = new BufferedImage(outW, outH, BufferedImage.TYPE_INT_ARGB);
    int[] pixels = ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
    int rowBytes = (w + 7) / 8;
    byte[] row = new byte[rowBytes];
    try (java.io.InputStream in = original.createInputStream()) {
      for (int y = 0; y < h; y++) {
        if (in.readNBytes(row, 0, rowBytes) < rowBytes) {
          break;
        }
        if (y % s != 0) {
          continue;
        }
        budget.step();
        int base = (y / s) * outW;
        for (int ox = 0; ox < outW; ox++) {
          int x = ox * s;
          boolean one = ((row[x >> 3] >> (7 - (x & 7))) & 1) != 0;
          if (one == onesPaint) {
            pixels[base + ox] = argb;
          }
        }
      }
    }
    return out;
  }

  private BufferedImage refused() {
    budget.refuse("a stencil mask of " + original.getWidth() + " x " + original.getHeight()
        + " pixels painted with a pattern cannot be decoded within the bound of "
        + BoundedRenderer.MAX_IMAGE_PIXELS + " pixels per image of the revision comparison");
    return null; // not reached
  }

  @Override
  public BufferedImage getImage() {
    return refused();
  }

  @Override
  public BufferedImage getImage(java.awt.Rectangle region, int subsampling) throws IOException {
    return original.getImage(region, Math.max(subsampling, this.subsampling));
  }

  @Override
  public java.awt.image.WritableRaster getRawRaster() {
    return refused().getRaster();
  }

  @Override
  public BufferedImage getRawImage() {
    return refused();
  }

  @Override
  public boolean isStencil() {
    return true;
  }
}
