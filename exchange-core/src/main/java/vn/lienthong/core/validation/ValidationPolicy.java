package vn.lienthong.core.validation;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * How much each check weighs and the constraints checks read. The policy, not the check, decides
 * whether a failure fails the signature, warns or only informs. Load one from a properties file
 * ({@link #load}) or start from {@link #decree30()}.
 *
 * <pre>
 * name=Hub intake
 * check.LEGACY_ALGORITHM=WARN
 * check.DECREE30_SEAL_OF_SENDER=FAIL
 * revocation.maxAge=PT24H
 * clock.skew=PT5M
 * algorithm.digest.SHA-1=2018-12-31
 * algorithm.rsa.minBits=2048
 * </pre>
 */
public final class ValidationPolicy {

  private final String name;
  private final Map<CheckId, Level> levels;
  private final AlgorithmPolicy algorithms;
  private final Duration maxRevocationAge;
  private final Duration clockSkew;

  private ValidationPolicy(String name, Map<CheckId, Level> levels, AlgorithmPolicy algorithms,
      Duration maxRevocationAge, Duration clockSkew) {
    this.name = requireNonNull(name, "name");
    this.levels = Map.copyOf(levels);
    this.algorithms = requireNonNull(algorithms, "algorithms");
    this.maxRevocationAge = maxRevocationAge;
    this.clockSkew = clockSkew;
  }

  /**
   * The default policy for official documents (Decree 30/2020): every check fails the signature,
   * legacy algorithms included; the document needs a signer's signature and the organization's
   * seal, both passing, the seal over the signer's signature (or certifying the document before
   * it), and the seal must belong to the sending unit when it is known.
   */
  public static ValidationPolicy decree30() {
    return builder("Decree 30/2020").build();
  }

  /** A policy for single signatures and files outside Decree 30: no document-level rules. */
  public static ValidationPolicy basic() {
    return builder("Basic")
        .level(CheckId.DECREE30_SIGNER_SIGNATURE, Level.IGNORE)
        .level(CheckId.DECREE30_ORGANIZATION_SEAL, Level.IGNORE)
        .level(CheckId.DECREE30_SEAL_OF_SENDER, Level.IGNORE)
        .level(CheckId.DECREE30_SEAL_AFTER_SIGNER, Level.IGNORE)
        .build();
  }

  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** Reads a policy from properties (UTF-8); unknown check ids and bad values are refused. */
  public static ValidationPolicy load(InputStream in) {
    Properties p = new Properties();
    try {
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the validation policy", e);
    }
    Builder b = builder(p.getProperty("name", "Custom"));
    for (String key : p.stringPropertyNames()) {
      String value = p.getProperty(key).trim();
      try {
        if (key.startsWith("check.")) {
          b.level(CheckId.valueOf(key.substring(6)), Level.valueOf(value));
        } else if (key.equals("revocation.maxAge")) {
          b.maxRevocationAge(Duration.parse(value));
        } else if (key.equals("clock.skew")) {
          b.clockSkew(Duration.parse(value));
        } else if (key.startsWith("algorithm.digest.")) {
          b.digest(key.substring(17), value.equals("never") ? null
              : value.equals("always") ? LocalDate.MAX : LocalDate.parse(value));
        } else if (key.equals("algorithm.rsa.minBits")) {
          b.minRsaBits(Integer.parseInt(value));
        } else if (key.equals("algorithm.ec.minBits")) {
          b.minEcBits(Integer.parseInt(value));
        } else if (!key.equals("name")) {
          throw new IllegalArgumentException("unknown key");
        }
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(
            "Invalid validation policy entry " + key + "=" + value + ": " + e.getMessage(), e);
      }
    }
    return b.build();
  }

  public String name() {
    return name;
  }

  /**
   * The weight of a check; {@link Level#FAIL} unless the policy says otherwise (every policy
   * starts with TIMESTAMP_PRESENT at {@link Level#INFORM}: B-B signatures are valid).
   */
  public Level level(CheckId id) {
    return levels.getOrDefault(id, Level.FAIL);
  }

  public AlgorithmPolicy algorithms() {
    return algorithms;
  }

  /** How old an OCSP response or CRL may be, counted from its thisUpdate, when no nextUpdate says. */
  public Duration maxRevocationAge() {
    return maxRevocationAge;
  }

  /** The clock skew tolerated between us and responders or TSAs. */
  public Duration clockSkew() {
    return clockSkew;
  }

  /** Settings of a policy. */
  public static final class Builder {
    private final String name;
    private final Map<CheckId, Level> levels = new EnumMap<>(CheckId.class);
    private final Map<String, LocalDate> digests = new HashMap<>(AlgorithmPolicy.DEFAULT.digestsUntil());
    private int minRsaBits = AlgorithmPolicy.DEFAULT.minRsaBits();
    private int minEcBits = AlgorithmPolicy.DEFAULT.minEcBits();
    private Duration maxRevocationAge = Duration.ofDays(1);
    private Duration clockSkew = Duration.ofMinutes(5);

    private Builder(String name) {
      this.name = requireNonNull(name, "name");
      // a B-B signature without a timestamp is a valid signature: its absence only informs
      levels.put(CheckId.TIMESTAMP_PRESENT, Level.INFORM);
    }

    public Builder level(CheckId id, Level level) {
      levels.put(requireNonNull(id, "id"), requireNonNull(level, "level"));
      return this;
    }

    /** Accepts a digest until a day ({@link LocalDate#MAX}: always), or never (null). */
    public Builder digest(String algorithm, LocalDate until) {
      String name = AlgorithmPolicy.normalize(requireNonNull(algorithm, "algorithm"));
      if (until == null) {
        digests.remove(name);
      } else {
        digests.put(name, until);
      }
      return this;
    }

    public Builder minRsaBits(int bits) {
      this.minRsaBits = bits;
      return this;
    }

    public Builder minEcBits(int bits) {
      this.minEcBits = bits;
      return this;
    }

    public Builder maxRevocationAge(Duration age) {
      this.maxRevocationAge = nonNegative(age, "age");
      return this;
    }

    public Builder clockSkew(Duration skew) {
      this.clockSkew = nonNegative(skew, "skew");
      return this;
    }

    private static Duration nonNegative(Duration d, String name) {
      if (requireNonNull(d, name).isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative, was " + d);
      }
      return d;
    }

    public ValidationPolicy build() {
      return new ValidationPolicy(name, levels, new AlgorithmPolicy(digests, minRsaBits, minEcBits,
          AlgorithmPolicy.DEFAULT.shortRsaUntil()), maxRevocationAge, clockSkew);
    }
  }
}
