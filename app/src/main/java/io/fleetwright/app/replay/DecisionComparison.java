package io.fleetwright.app.replay;

import io.fleetwright.api.HelperDecision;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/** Compares a recorded helper outcome with a new one. Pure code. */
final class DecisionComparison {
  private DecisionComparison() {}

  /**
   * The verdict for one node.
   *
   * @param identity the node
   * @param runId the run whose history held the recorded outcome
   * @param recorded what production decided
   * @param replayed what the new helper replies
   */
  static Verdict compare(String identity, String runId, Outcome recorded, Outcome replayed) {
    return switch (replayed) {
      case Outcome.Refused refused ->
          new Verdict(identity, runId, Verdict.Kind.INVALID, refused.message(), List.of());
      case Outcome.Decided now ->
          switch (recorded) {
            case Outcome.Refused before ->
                new Verdict(
                    identity,
                    runId,
                    Verdict.Kind.CHANGED,
                    "",
                    List.of(new Change("reply", "refused: " + before.message(), name(now))));
            case Outcome.Decided before -> decisions(identity, runId, before.decision(), now);
          };
    };
  }

  private static Verdict decisions(
      String identity, String runId, HelperDecision recorded, Outcome.Decided now) {
    // An approval is a configure an operator confirms first: compare the configures, and the ask.
    List<Change> approval = approval(reason(recorded), reason(now.decision()));
    HelperDecision before = unwrapped(recorded);
    HelperDecision after = unwrapped(now.decision());
    if (before.getClass() != after.getClass()) {
      Verdict.Kind kind =
          before instanceof HelperDecision.Shutdown || after instanceof HelperDecision.Shutdown
              ? Verdict.Kind.SHUTDOWN
              : Verdict.Kind.DEFER_CONFIGURE;
      String detail = name(before) + " → " + name(after);
      return new Verdict(identity, runId, kind, detail, msg(before.msg(), after.msg()));
    }
    List<Change> changes = new java.util.ArrayList<>(approval);
    changes.addAll(
        before instanceof HelperDecision.Configure b && after instanceof HelperDecision.Configure a
            ? configure(b, a)
            : msg(before.msg(), after.msg()));
    return new Verdict(
        identity, runId, changes.isEmpty() ? Verdict.Kind.SAME : Verdict.Kind.CHANGED, "", changes);
  }

  /** Configuration keys first, in key order, then the other fields of the reply. */
  static List<Change> configure(HelperDecision.Configure before, HelperDecision.Configure after) {
    List<Change> changes = new ArrayList<>(map("", before.configuration(), after.configuration()));
    field(changes, "msg", before.msg(), after.msg());
    field(changes, "certificate", pem(before.certificate()), pem(after.certificate()));
    field(changes, "ca", pem(before.ca()), pem(after.ca()));
    field(changes, "ssldir", before.sslDir(), after.sslDir());
    field(
        changes,
        "key",
        before.key() == null ? null : SecretValues.MASK,
        after.key() == null ? null : SecretValues.MASK);
    field(changes, "sign_csr", flag(before.signCsr()), flag(after.signCsr()));
    field(changes, "upgrade", before.upgrade(), after.upgrade());
    field(changes, "server_claims", before.serverClaimsJson(), after.serverClaimsJson());
    changes.addAll(policies("action_policies/", before.actionPolicies(), after.actionPolicies()));
    changes.addAll(policies("opa_policies/", before.opaPolicies(), after.opaPolicies()));
    return changes;
  }

  private static List<Change> map(
      String prefix, Map<String, String> before, Map<String, String> after) {
    List<Change> changes = new ArrayList<>();
    TreeSet<String> keys = new TreeSet<>(before.keySet());
    keys.addAll(after.keySet());
    for (String key : keys) {
      String b = before.get(key);
      String a = after.get(key);
      if (!Objects.equals(b, a)) {
        changes.add(new Change(prefix + key, masked(key, b), masked(key, a)));
      }
    }
    return changes;
  }

  private static List<Change> policies(
      String prefix, Map<String, String> before, Map<String, String> after) {
    List<Change> changes = new ArrayList<>();
    for (Change c : map(prefix, before, after)) {
      String name = c.key().substring(prefix.length());
      changes.add(new Change(c.key(), text(before.get(name)), text(after.get(name))));
    }
    return changes;
  }

  private static List<Change> msg(String before, String after) {
    List<Change> changes = new ArrayList<>();
    field(changes, "msg", before, after);
    return changes;
  }

  private static void field(
      List<Change> changes, String key, @Nullable String before, @Nullable String after) {
    String b = before == null || before.isEmpty() ? null : before;
    String a = after == null || after.isEmpty() ? null : after;
    if (!Objects.equals(b, a)) {
      changes.add(new Change(key, masked(key, b), masked(key, a)));
    }
  }

  private static @Nullable String masked(String key, @Nullable String value) {
    return value == null ? null : SecretValues.show(key, value);
  }

  private static @Nullable String flag(boolean value) {
    return value ? "true" : null;
  }

  /** A PEM or a policy is long: shown by its size and a hash, which still tell a change apart. */
  private static @Nullable String pem(@Nullable String value) {
    return text(value);
  }

  private static @Nullable String text(@Nullable String value) {
    return value == null
        ? null
        : "<%d chars, hash %08x>".formatted(value.length(), value.hashCode());
  }

  private static HelperDecision unwrapped(HelperDecision decision) {
    return decision instanceof HelperDecision.Approval a ? a.configure() : decision;
  }

  private static @Nullable String reason(HelperDecision decision) {
    return decision instanceof HelperDecision.Approval a ? a.reason() : null;
  }

  private static List<Change> approval(@Nullable String before, @Nullable String after) {
    return java.util.Objects.equals(before, after)
        ? List.of()
        : List.of(new Change("approval", before, after));
  }

  static String name(HelperDecision decision) {
    return switch (decision) {
      case HelperDecision.Approval a -> "configure after approval";
      case HelperDecision.Configure c -> "configure";
      case HelperDecision.Defer d -> "defer";
      case HelperDecision.Shutdown s -> "shutdown";
    };
  }

  private static String name(Outcome.Decided decided) {
    return name(decided.decision());
  }
}
