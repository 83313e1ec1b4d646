package vn.lienthong.sample.images;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.awt.geom.AffineTransform;
import java.awt.geom.CubicCurve2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Draws the SAMPLE images committed in {@code src/main/resources/vn/lienthong/sample/images/}: a
 * made-up handwritten signature (blue strokes) and a made-up red round seal marked "MẪU" (sample),
 * both transparent PNGs. Run once: {@code java SampleImagesGenerator.java <folder>}; the images are
 * test material, not anybody's signature or seal.
 */
public final class SampleImagesGenerator {

  private SampleImagesGenerator() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    Files.createDirectories(dir);
    ImageIO.write(signature(), "png", dir.resolve("sample-signature.png").toFile());
    ImageIO.write(seal(), "png", dir.resolve("sample-seal.png").toFile());
  }

  static BufferedImage signature() {
    BufferedImage img = new BufferedImage(600, 260, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = graphics(img);
    g.setColor(new Color(20, 40, 160));
    g.setStroke(new BasicStroke(7f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    g.draw(new CubicCurve2D.Float(40, 180, 120, 20, 160, 240, 230, 110));
    g.draw(new CubicCurve2D.Float(230, 110, 280, 30, 300, 220, 360, 140));
    g.draw(new CubicCurve2D.Float(360, 140, 420, 60, 470, 200, 560, 90));
    g.setStroke(new BasicStroke(5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    g.draw(new CubicCurve2D.Float(70, 215, 250, 190, 400, 230, 540, 200));
    g.dispose();
    return img;
  }

  static BufferedImage seal() {
    int size = 600;
    BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = graphics(img);
    Color red = new Color(215, 25, 32, 230);
    g.setColor(red);
    g.setStroke(new BasicStroke(16f));
    g.drawOval(12, 12, size - 24, size - 24);
    g.setStroke(new BasicStroke(6f));
    g.drawOval(150, 150, size - 300, size - 300);
    ringText(g, "ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH • MẪU •", size / 2.0, 215);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 110));
    centered(g, "★", size / 2, 300);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 64));
    centered(g, "MẪU", size / 2, 400);
    g.dispose();
    return img;
  }

  private static Graphics2D graphics(BufferedImage img) {
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
        RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    return g;
  }

  private static void centered(Graphics2D g, String text, int cx, int baseline) {
    int w = g.getFontMetrics().stringWidth(text);
    g.drawString(text, cx - w / 2, baseline);
  }

  private static void ringText(Graphics2D g, String text, double c, double radius) {
    Font font = new Font(Font.SANS_SERIF, Font.BOLD, 44);
    FontRenderContext frc = g.getFontRenderContext();
    GlyphVector gv = font.createGlyphVector(frc, text);
    double total = gv.getLogicalBounds().getWidth();
    double start = -Math.PI / 2 - total / radius / 2;
    for (int i = 0; i < gv.getNumGlyphs(); i++) {
      double x = gv.getGlyphPosition(i).getX();
      double angle = start + x / radius;
      AffineTransform at = new AffineTransform();
      at.translate(c + radius * Math.cos(angle), c + radius * Math.sin(angle));
      at.rotate(angle + Math.PI / 2);
      at.translate(-x, 0);
      g.fill(at.createTransformedShape(gv.getGlyphOutline(i)));
    }
  }
}
