package io.fleetwright.app.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.common.converter.DataConverterException;
import io.temporal.payload.codec.PayloadCodecException;
import org.junit.jupiter.api.Test;

class ErrorsTest {
  @Test
  void anEncryptedHistoryWithoutAKeyNamesTheConfigKeyAndTheVariable() {
    Exception e =
        new IllegalStateException(
            "workflowId='provision/n1', runId=''",
            new DataConverterException(
                "No PayloadConverter is registered for encoding: binary/encrypted"));
    String message = Errors.codecProblem(e).orElseThrow();
    assertTrue(message.contains("encrypted and this command has no codec key"), message);
    assertTrue(message.contains("codec.key_file"), message);
    assertTrue(message.contains("FLEETWRIGHT_CODEC_KEY"), message);
  }

  @Test
  void anEncryptedHistoryWithTheWrongKeySaysTheKeyIsWrong() {
    Exception e =
        new IllegalStateException(
            "workflowId='provision/n1', runId=''",
            new PayloadCodecException("cannot decode a payload encrypted with codec key id k1"));
    String message = Errors.codecProblem(e).orElseThrow();
    assertTrue(message.contains("the codec key this command has is wrong"), message);
    assertTrue(message.contains("key id k1"), message);
  }

  @Test
  void anyOtherFailureIsLeftAsItIs() {
    assertTrue(Errors.codecProblem(new IllegalStateException("no workflow x")).isEmpty());
  }
}
