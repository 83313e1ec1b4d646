package vn.lienthong.core.pdf;

import java.awt.Paint;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.filter.DecodeOptions;
import org.apache.pdfbox.pdmodel.graphics.color.PDColorSpace;
import org.apache.pdfbox.pdmodel.graphics.image.PDImage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * An image of the page drawn another way than PDFBox draws it ({@link GrayImage},
 * {@link SubsampledStencil}): everything not overridden is the original's, and nothing can be set.
 */
abstract class ReadOnlyImage implements PDImage {

  protected final PDImageXObject original;

  ReadOnlyImage(PDImageXObject original) {
    this.original = original;
  }

  @Override
  public BufferedImage getImage() throws IOException {
    return original.getImage();
  }

  @Override
  public BufferedImage getImage(Rectangle region, int subsampling) throws IOException {
    return original.getImage(region, subsampling);
  }

  @Override
  public WritableRaster getRawRaster() throws IOException {
    return original.getRawRaster();
  }

  @Override
  public BufferedImage getRawImage() throws IOException {
    return original.getRawImage();
  }

  @Override
  public BufferedImage getStencilImage(Paint paint) throws IOException {
    return original.getStencilImage(paint);
  }

  @Override
  public InputStream createInputStream() throws IOException {
    return original.createInputStream();
  }

  @Override
  public InputStream createInputStream(List<String> stopFilters) throws IOException {
    return original.createInputStream(stopFilters);
  }

  @Override
  public InputStream createInputStream(DecodeOptions options) throws IOException {
    return original.createInputStream(options);
  }

  @Override
  public boolean isEmpty() {
    return original.isEmpty();
  }

  @Override
  public boolean isStencil() {
    return original.isStencil();
  }

  @Override
  public int getBitsPerComponent() {
    return original.getBitsPerComponent();
  }

  @Override
  public PDColorSpace getColorSpace() throws IOException {
    return original.getColorSpace();
  }

  @Override
  public int getHeight() {
    return original.getHeight();
  }

  @Override
  public int getWidth() {
    return original.getWidth();
  }

  @Override
  public COSArray getDecode() {
    return original.getDecode();
  }

  @Override
  public boolean getInterpolate() {
    return original.getInterpolate();
  }

  @Override
  public String getSuffix() {
    return original.getSuffix();
  }

  @Override
  public COSDictionary getCOSObject() {
    return original.getCOSObject();
  }

  @Override
  public void setStencil(boolean isStencil) {
    throw new UnsupportedOperationException("read-only");
  }

  @Override
  public void setBitsPerComponent(int bitsPerComponent) {
    throw new UnsupportedOperationException("read-only");
  }

  @Override
  public void setColorSpace(PDColorSpace colorSpace) {
    throw new UnsupportedOperationException("read-only");
  }

  @Override
  public void setHeight(int height) {
    throw new UnsupportedOperationException("read-only");
  }

  @Override
  public void setWidth(int width) {
    throw new UnsupportedOperationException("read-only");
  }

  @Override
  public void setDecode(COSArray decode) {
    throw new UnsupportedOperationException("read-only");
  }

  @Override
  public void setInterpolate(boolean value) {
    throw new UnsupportedOperationException("read-only");
  }
}
