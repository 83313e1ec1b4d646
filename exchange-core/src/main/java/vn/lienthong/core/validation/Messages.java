package vn.lienthong.core.validation;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * The message catalogue of the checks and the report labels, in English and Vietnamese ({@code
 * messages_en.properties}, {@code messages_vi.properties}, UTF-8, {@link MessageFormat} patterns).
 */
public final class Messages {

  /** The languages reports are written in. */
  public static final List<Locale> LANGUAGES = List.of(Locale.forLanguageTag("vi"), Locale.ENGLISH);

  private static final Properties EN = load("en");
  private static final Properties VI = load("vi");

  private Messages() {}

  /** What a check verifies, e.g. "The signed byte ranges are well formed". */
  public static String title(CheckId id, Locale locale) {
    return text(id.name() + ".title", locale, List.of());
  }

  /** The sentence a result shows: the failure sentence, or the title when it held. */
  public static String describe(CheckResult result, Locale locale) {
    String key = result.id().name()
        + (result.status() == CheckResult.Status.FAILED ? ".failed" : ".title");
    return text(key, locale, result.arguments());
  }

  /** A report label ({@code label.*}) or any other catalogue entry. */
  public static String text(String key, Locale locale, List<String> arguments) {
    Properties bundle = "vi".equals(locale.getLanguage()) ? VI : EN;
    String pattern = bundle.getProperty(key);
    if (pattern == null) {
      throw new IllegalArgumentException("No message '" + key + "' for " + locale);
    }
    return new MessageFormat(pattern, locale).format(arguments.toArray());
  }

  static boolean has(String key, Locale locale) {
    return ("vi".equals(locale.getLanguage()) ? VI : EN).containsKey(key);
  }

  private static Properties load(String language) {
    String name = "messages_" + language + ".properties";
    Properties p = new Properties();
    try (InputStream in = Messages.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("Missing catalogue " + name);
      }
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }
}
