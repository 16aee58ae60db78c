package org.ferryfs.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * Reads a {@link FerryConfig} from YAML, strictly: an unknown key, a duplicate key, a value of the
 * wrong type or broken YAML is a {@link ConfigException} whose one-line message names the file, the
 * line and the key; then {@link ConfigValidator} checks the rules between values.
 */
public final class ConfigLoader {
  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

  private ConfigLoader() {}

  /** Loads and validates a configuration file. */
  public static FerryConfig load(Path file) throws ConfigException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ConfigException(file + ": no such configuration file");
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read: " + e.getMessage(), e);
    }
    return parse(text, file);
  }

  /** Parses and validates YAML text; {@code file} names it in messages. */
  public static FerryConfig parse(String yaml, Path file) throws ConfigException {
    FerryConfig config;
    try {
      JsonNode tree = YAML.readTree(yaml);
      config =
          tree == null || tree.isMissingNode() || tree.isNull()
              ? null
              : YAML.readValue(yaml, FerryConfig.class);
    } catch (JsonProcessingException e) {
      throw new ConfigException(file + ": " + describe(e, yaml), e);
    }
    if (config == null) {
      config = new FerryConfig(null, null, null, null, null, null, null, null);
    }
    ConfigValidator.validate(file, config);
    return config;
  }

  static String describe(JsonProcessingException e, String text) {
    String where = line(e.getLocation());
    if (e instanceof UnrecognizedPropertyException u) {
      where = keyLine(text, u.getPropertyName(), where);
      String at = path(u);
      return where
          + "unknown key '"
          + u.getPropertyName()
          + "'"
          + (at.isEmpty() ? "" : " in " + at)
          + " (known keys: "
          + known(u.getKnownPropertyIds())
          + ")";
    }
    if (e instanceof InvalidFormatException f) {
      return where
          + "'"
          + f.getValue()
          + "' is not a valid value for '"
          + path(f)
          + "' (expected "
          + expected(f.getTargetType())
          + ")";
    }
    if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
      String at = path(m);
      return where
          + "wrong kind of value"
          + (at.isEmpty() ? "" : " for '" + at + "'")
          + " (expected "
          + expected(m.getTargetType())
          + ")";
    }
    String msg = e.getOriginalMessage() == null ? e.toString() : e.getOriginalMessage();
    int nl = msg.indexOf('\n');
    return where + "invalid YAML: " + (nl > 0 ? msg.substring(0, nl) : msg).trim();
  }

  /**
   * The line of an unknown key: the parser reports where it stopped reading, which can be past the
   * key, so look for the key itself.
   */
  private static String keyLine(String text, String key, String fallback) {
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String t = lines[i].strip();
      if (t.startsWith("- ")) {
        t = t.substring(2).strip();
      }
      if (t.startsWith(key + ":")
          || t.startsWith("\"" + key + "\":")
          || t.startsWith("'" + key + "':")) {
        return "line " + (i + 1) + ": ";
      }
    }
    return fallback;
  }

  private static String line(JsonLocation loc) {
    if (loc == null || loc.getLineNr() <= 0) {
      return "";
    }
    return "line " + loc.getLineNr() + ": ";
  }

  private static String path(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    // for an unknown key the last element is the key itself
    if (e instanceof UnrecognizedPropertyException u) {
      String s = sb.toString();
      String suffix = u.getPropertyName();
      if (s.endsWith("." + suffix)) {
        return s.substring(0, s.length() - suffix.length() - 1);
      }
      if (s.equals(suffix)) {
        return "";
      }
    }
    return sb.toString();
  }

  private static String known(Collection<Object> ids) {
    if (ids == null || ids.isEmpty()) {
      return "none";
    }
    return ids.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
  }

  private static String expected(Class<?> type) {
    if (type == null) {
      return "another value";
    }
    if (type == Integer.class || type == int.class || type == Long.class) {
      return "a whole number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class || type == Path.class) {
      return "a string";
    }
    if (Collection.class.isAssignableFrom(type)) {
      return "a list";
    }
    return "a mapping of keys";
  }
}
