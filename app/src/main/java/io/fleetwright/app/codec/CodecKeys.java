package io.fleetwright.app.codec;

import io.fleetwright.app.ConfigException;
import io.fleetwright.app.ProvisionerConfig;
import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.payload.codec.PayloadCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the payload codec key ({@code codec.key_file}, else {@code FLEETWRIGHT_CODEC_KEY}) and
 * builds the data converter every Temporal client of this process uses.
 */
public final class CodecKeys {
  private static final Logger LOG = LoggerFactory.getLogger(CodecKeys.class);
  static final String ENV = "FLEETWRIGHT_CODEC_KEY";

  private CodecKeys() {}

  /** The codec for this config, or empty when no key is configured. */
  static Optional<AesGcmCodec> codec(ProvisionerConfig.Codec config, Map<String, String> env) {
    byte[] current;
    if (config.keyFile().isPresent()) {
      current = readKeyFile(config.keyFile().get(), "codec.key_file");
    } else if (env.get(ENV) != null && !env.get(ENV).isBlank()) {
      current = parse(env.get(ENV), "the environment variable " + ENV);
    } else {
      return Optional.empty();
    }
    List<byte[]> older = new ArrayList<>();
    for (Path file : config.oldKeyFiles()) {
      older.add(readKeyFile(file, "codec.old_key_files"));
    }
    return Optional.of(new AesGcmCodec(current, older));
  }

  /**
   * The converter: the default one, with large payloads deflated, then encrypted when there is a
   * key.
   */
  public static DataConverter converter(Optional<AesGcmCodec> codec) {
    return new CodecDataConverter(
        DefaultDataConverter.newDefaultInstance(), List.of(payloadCodec(codec)), true);
  }

  /** What the converter and the codec endpoint apply to payloads, in order. */
  static PayloadCodec payloadCodec(Optional<AesGcmCodec> codec) {
    DeflateCodec deflate = new DeflateCodec();
    return codec.<PayloadCodec>map(c -> new CodecChain(deflate, c)).orElse(deflate);
  }

  /** The codec of {@code provisioner run}, warning loudly when history will hold plain text. */
  public static Optional<AesGcmCodec> forRun(ProvisionerConfig config) {
    Optional<AesGcmCodec> codec = codec(config.codec(), System.getenv());
    if (codec.isEmpty()) {
      LOG.warn(
          "no payload codec key: workflow history holds helper outputs (configuration, policies,"
              + " certificates) in plain text. Set codec.key_file to a file with 32 random bytes"
              + " (head -c 32 /dev/urandom | base64 > codec.key; chmod 600 codec.key) or set "
              + ENV);
    } else {
      LOG.info("payloads are encrypted with codec key id {}", codec.get().currentKeyId());
    }
    return codec;
  }

  /** The codec endpoint for the Web UI, when {@code codec.endpoint_port} is set. */
  public static Optional<CodecEndpoint> endpoint(
      ProvisionerConfig config, Optional<AesGcmCodec> codec) {
    if (config.codec().endpointPort() == 0) {
      return Optional.empty();
    }
    if (codec.isEmpty()) {
      throw new ConfigException(
          "codec.endpoint_port is set but no codec key is configured; set codec.key_file or "
              + ENV
              + ", or remove codec.endpoint_port");
    }
    String token = EndpointToken.read(config.codec().endpointTokenFile());
    CodecEndpoint endpoint =
        new CodecEndpoint(
            config.codec().endpointAddress(),
            config.codec().endpointPort(),
            payloadCodec(codec),
            token,
            config.codec().corsOrigins());
    LOG.info(
        "codec endpoint on http://{}:{}, for callers with the token in {} and browsers from {}"
            + " (Web UI codec endpoint: http://{}:{}/<token>)",
        config.codec().endpointAddress(),
        endpoint.port(),
        config.codec().endpointTokenFile().orElseThrow(),
        config.codec().corsOrigins(),
        config.codec().endpointAddress(),
        endpoint.port());
    return Optional.of(endpoint);
  }

  public static DataConverter converter(ProvisionerConfig config) {
    return converter(codec(config.codec(), System.getenv()));
  }

  static byte[] readKeyFile(Path file, String key) {
    try {
      return parse(Files.readString(file), key + " " + file);
    } catch (IOException e) {
      throw new ConfigException(
          key
              + ": cannot read "
              + file
              + " ("
              + e.getMessage()
              + "); create one with: head -c 32 /dev/urandom | base64 > "
              + file
              + " && chmod 600 "
              + file);
    }
  }

  /** 32 bytes as 64 hex characters or as base64. */
  static byte[] parse(String text, String source) {
    String t = text.strip();
    byte[] key;
    try {
      key =
          t.matches("[0-9a-fA-F]{64}") ? HexFormat.of().parseHex(t) : Base64.getDecoder().decode(t);
    } catch (IllegalArgumentException e) {
      key = new byte[0];
    }
    if (key.length != 32) {
      throw new ConfigException(
          source
              + " must hold a 32-byte key as base64 or 64 hex characters; make one with: head -c 32"
              + " /dev/urandom | base64");
    }
    return key;
  }
}
