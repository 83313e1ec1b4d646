package vn.lienthong.core.pdf;

import java.awt.geom.AffineTransform;
import java.io.IOException;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType3CharProc;
import org.apache.pdfbox.pdmodel.graphics.form.PDTransparencyGroup;
import org.apache.pdfbox.pdmodel.graphics.image.PDImage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.rendering.PageDrawer;
import org.apache.pdfbox.rendering.PageDrawerParameters;
import org.apache.pdfbox.util.Matrix;
import org.apache.pdfbox.util.Vector;

/**
 * PDFBox's renderer, 8-bit grey images decoded by {@link GrayImage}; each image once per
 * renderer (as PDFBox's own image cache would), the renderer living for one page's diff. Each
 * operator, glyph, image and shading is a step of the budget (PDFBox's own limit, 50 nested
 * forms, bounds depth, not breadth).
 */
final class BoundedRenderer extends PDFRenderer {

  /**
   * Pixels one image may decode to (4 MiB of RGB ints): no more than half a rendering of at most
   * {@link VisualDiff#MAX_PIXELS} can show, and both revisions decode an image alike. PDFBox subsamples by
   * at most 8: a grey or RGB image declared 32 760 pixels square with a 1-byte stream decoded to
   * 64 MiB or more, and one such image ran a 64 MiB heap out of memory; at 4 Mpx the RGB path
   * (samples, then ints) still did now and then ({@code ImageBombStreamingTest}).
   */
  static final long MAX_IMAGE_PIXELS = 1L << 20;

  /**
   * Bytes an image stream may decode to through the filters PDFBox decodes into memory (Flate,
   * LZW, RunLength, ASCII): an A4 page scanned in RGB at 300 dpi is 26 MB, an A3 one 52 MB, an A3
   * one at 600 dpi 209 MB. An eighth of the heap, at least 32 MiB and at most 256 MiB: a fixed
   * 32 MiB failed every signature on a page with an A3 colour scan stored losslessly.
   */
  static final long MAX_DECODED_IMAGE_BYTES = Math.min(256L << 20,
      Math.max(32L << 20, Runtime.getRuntime().maxMemory() / 8));

  /**
   * Bytes a CCITT image may decode to (PDFBox decodes it whole first): an A3 page at 600 dpi is
   * 4.3 MB.
   */
  static final long MAX_CCITT_BYTES = 8L << 20;

  /** Transparency groups, soft masks and Type 3 glyphs nested at most (PDFBox: forms, 50). */
  static final int MAX_NESTING = 8;

  private final Map<COSStream, PDImage> images = new IdentityHashMap<>();
  private final Map<COSStream, Boolean> withinBound = new IdentityHashMap<>();
  private final RenderingBudget budget;

  BoundedRenderer(PDDocument document, RenderingBudget budget) {
    super(document);
    this.budget = budget;
  }

  @Override
  protected PageDrawer createPageDrawer(PageDrawerParameters parameters) throws IOException {
    PageDrawer drawer = new Drawer(parameters);
    drawer.setAnnotationFilter(getAnnotationsFilter());
    return drawer;
  }

  /** PDFBox's page drawer, within the budget and the bounds above. */
  private final class Drawer extends PageDrawer {
    Drawer(PageDrawerParameters parameters) throws IOException {
      super(parameters);
    }

    @Override
    public void drawImage(PDImage image) throws IOException {
      budget.step();
      PDImage drawn = image instanceof PDImageXObject x ? gray(x) : image;
      if (drawn instanceof PDImageXObject x) {
        requireDecodedWithinBound(x);
        long w = x.getWidth();
        long h = x.getHeight();
        if (x.isStencil() && w * h > MAX_IMAGE_PIXELS) {
          if (x.getCOSObject().containsKey(COSName.OC)) {
            budget.refuse("a stencil mask of " + w + " x " + h + " pixels with optional "
                + "content cannot be decoded within the bound of the revision comparison");
          }
          drawn = new SubsampledStencil(x, subsampling(w, h, 1), budget);
        }
      }
      super.drawImage(drawn);
    }

    /**
     * PDFBox decodes an image's stream (and its masks') whole into memory, whatever the
     * subsampling: a 1.2 MB Flate stream of an image declared 20 000 pixels square was
     * 1.2 GB. Each stream is measured once per renderer, decoding it as a stream.
     */
    private void requireDecodedWithinBound(PDImageXObject x) throws IOException {
      List<PDImageXObject> streams = new java.util.ArrayList<>(List.of(x));
      try {
        if (x.getSoftMask() != null) {
          streams.add(x.getSoftMask());
        }
        if (x.getMask() != null) {
          streams.add(x.getMask());
        }
      } catch (IOException e) {
        // PDFBox reads no mask either
      }
      for (PDImageXObject image : streams) {
        requireCcittWithinBound(image);
        COSStream stream = image.getCOSObject();
        Boolean within = withinBound.get(stream);
        if (within == null) {
          within = PdfLoader.decodesWithin(stream, MAX_DECODED_IMAGE_BYTES,
              PdfLoader.MEMORY_FILTERS);
          withinBound.put(stream, within);
        }
        if (!within) {
          budget.refuse("an image stream decodes to more than " + MAX_DECODED_IMAGE_BYTES
              + " bytes, beyond the bound of the revision comparison");
        }
      }
    }

    /**
     * PDFBox's CCITT decoder fills an array of the full image before any subsampling (up to
     * 256 MB): an image declared 32 000 pixels square with 3 bytes of data was 128 MB.
     */
    private void requireCcittWithinBound(PDImageXObject x) {
      List<COSName> filters = x.getStream().getFilters();
      if (!filters.contains(COSName.CCITTFAX_DECODE)
          && !filters.contains(COSName.CCITTFAX_DECODE_ABBREVIATION)) {
        return;
      }
      long columns = x.getWidth();
      long rows = x.getHeight();
      if (x.getCOSObject().getDictionaryObject(COSName.DECODE_PARMS, COSName.DP)
          instanceof org.apache.pdfbox.cos.COSDictionary parms) {
        columns = Math.max(columns, parms.getLong(COSName.COLUMNS, 1728));
        rows = Math.max(rows, parms.getLong(COSName.ROWS, 0));
      }
      long bytes = (columns + 7) / 8 * rows;
      if (bytes > MAX_CCITT_BYTES) {
        budget.refuse("a CCITT image of " + columns + " x " + rows + " pixels decodes to "
            + bytes + " bytes, beyond the bound of " + MAX_CCITT_BYTES + " of the revision "
            + "comparison");
      }
    }

    /**
     * PDFBox's subsampling, raised so that the image decodes to at most
     * {@link #MAX_IMAGE_PIXELS} (PDFBox stops at 8, and computes {@code width * height} in
     * an int: beyond 46 340 pixels square it does not subsample at all). Both revisions are
     * drawn alike. An image that would still be too large (a line of a billion pixels) is
     * refused: the page is not compared.
     */
    @Override
    protected int getSubsampling(PDImage image, AffineTransform at) {
      int s = super.getSubsampling(image, at);
      for (long[] size : decodedSizes(image)) {
        s = Math.max(s, subsampling(size[0], size[1], s));
      }
      return s;
    }

    /**
     * The least subsampling from {@code s} on at which a {@code w} x {@code h} image decodes
     * to at most {@link #MAX_IMAGE_PIXELS}; refused through the budget when there is none.
     */
    private int subsampling(long w, long h, int s) {
      if (decodedPixels(w, h, s) <= MAX_IMAGE_PIXELS) {
        return s;
      }
      s = Math.max(s, (int) Math.min(Math.min(w, h),
          (long) Math.ceil(Math.sqrt((double) w * h / MAX_IMAGE_PIXELS))));
      while (decodedPixels(w, h, s) > MAX_IMAGE_PIXELS && s < Math.min(w, h)) {
        s++;
      }
      if (decodedPixels(w, h, s) > MAX_IMAGE_PIXELS) {
        budget.refuse("an image of " + w + " x " + h + " pixels cannot be decoded within "
            + "the bound of " + MAX_IMAGE_PIXELS + " pixels per image of the revision "
            + "comparison");
      }
      return s;
    }

    /**
     * Nesting of transparency groups, soft masks and Type 3 glyphs: each group or mask
     * level is a page-sized image, and PDFBox bounds none of them (a group or soft mask that
     * uses itself took 600 MB, a Type 3 glyph or pattern that draws itself overflowed the
     * stack).
     */
    private int nesting;

    private void enter(String what) {
      if (++nesting > MAX_NESTING) {
        nesting--;
        budget.refuse(what + " nested deeper than " + MAX_NESTING + " levels");
      }
    }

    @Override
    protected void processTransparencyGroup(PDTransparencyGroup group) throws IOException {
      enter("transparency groups");
      try {
        super.processTransparencyGroup(group);
      } finally {
        nesting--;
      }
    }

    @Override
    protected void processSoftMask(PDTransparencyGroup group) throws IOException {
      enter("soft masks");
      try {
        super.processSoftMask(group);
      } finally {
        nesting--;
      }
    }

    @Override
    protected void processType3Stream(PDType3CharProc charProc, Matrix textRenderingMatrix)
        throws IOException {
      enter("Type 3 glyphs");
      try {
        super.processType3Stream(charProc, textRenderingMatrix);
      } finally {
        nesting--;
      }
    }

    @Override
    protected void processOperator(Operator operator, List<COSBase> operands)
        throws IOException {
      budget.step();
      super.processOperator(operator, operands);
    }

    @Override
    protected void showFontGlyph(Matrix matrix, PDFont font, int code, Vector displacement)
        throws IOException {
      budget.step();
      super.showFontGlyph(matrix, font, code, displacement);
    }

    @Override
    public void shadingFill(COSName shadingName) throws IOException {
      budget.step();
      super.shadingFill(shadingName);
    }
  }

  /**
   * The sizes an image decodes at: its own, and its soft mask's and stencil mask's, which
   * PDFBox decodes at the image's subsampling (and scales the smaller of image and mask up to
   * the larger: a 10 x 10 image with a 30 000 x 30 000 soft mask ran a 4 GB heap out of
   * memory).
   */
  private static List<long[]> decodedSizes(PDImage image) {
    List<long[]> sizes = new java.util.ArrayList<>();
    sizes.add(new long[] {image.getWidth(), image.getHeight()});
    if (image instanceof PDImageXObject x) {
      try {
        for (PDImageXObject mask : new PDImageXObject[] {x.getSoftMask(), x.getMask()}) {
          if (mask != null) {
            sizes.add(new long[] {mask.getWidth(), mask.getHeight()});
          }
        }
      } catch (IOException e) {
        // PDFBox reads no mask either
      }
    }
    return sizes;
  }

  /** Pixels of an image of {@code w} x {@code h} decoded every {@code s}-th sample and row. */
  private static long decodedPixels(long w, long h, long s) {
    return ((w + s - 1) / s) * ((h + s - 1) / s);
  }

  private PDImage gray(PDImageXObject image) {
    return images.computeIfAbsent(image.getCOSObject(), stream -> GrayImage.of(image));
  }
}
