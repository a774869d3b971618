package io.fleetwright.protocol;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of every decoder of broker input. Each target must either return a value
 * or throw {@link ProtocolException} (its documented type); anything else is a finding. Without
 * {@code JAZZER_FUZZ=1} each runs only its seeds under {@code DecoderFuzzTestInputs/<method>/}.
 */
class DecoderFuzzTest {
  private final ChoriaCodec codec = new ChoriaCodec();

  @FuzzTest
  void decodeRequest(byte[] payload) {
    try {
      codec.decodeRequest("choria.provisioning_data.request", payload);
    } catch (ProtocolException expected) {
      // documented rejection
    }
  }

  @FuzzTest
  void decodeReply(byte[] payload) {
    try {
      codec.decodeReply("choria.reply.x", payload);
    } catch (ProtocolException expected) {
      // documented rejection
    }
  }

  @FuzzTest
  void decodeRegistration(byte[] payload) {
    try {
      codec.decodeRegistration("choria.provisioning_data", payload);
    } catch (ProtocolException expected) {
      // documented rejection
    }
  }

  @FuzzTest
  void lifecycleEvent(byte[] payload) {
    try {
      LifecycleCodec.parse("choria.lifecycle.event.startup.provision_mode_server", payload);
    } catch (ProtocolException expected) {
      // documented rejection
    }
  }
}
