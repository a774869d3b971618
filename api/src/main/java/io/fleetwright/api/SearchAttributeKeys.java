package io.fleetwright.api;

import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.common.SearchAttributeKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Typed keys of Fleetwright's custom search attributes. They must be registered on the namespace
 * before any workflow sets them: the dev-server scripts pass {@link #REGISTRATION} as {@code
 * --search-attribute NAME=TYPE}, tests call {@code registerSearchAttribute} with {@link
 * #indexedValueTypes()}.
 */
public final class SearchAttributeKeys {
  /** The node's {@link ProvisioningState} name (Keyword). */
  public static final SearchAttributeKey<String> PROVISIONING_STATE =
      SearchAttributeKey.forKeyword("ProvisioningState");

  /** The node's Choria identity (Keyword). */
  public static final SearchAttributeKey<String> NODE_IDENTITY =
      SearchAttributeKey.forKeyword("NodeIdentity");

  /** The provisioning attempt: 1 + the number of deferrals so far (Int). */
  public static final SearchAttributeKey<Long> PROVISIONING_ATTEMPT =
      SearchAttributeKey.forLong("ProvisioningAttempt");

  /** The site from the provisioner's configuration (Keyword); unset when the site is blank. */
  public static final SearchAttributeKey<String> SITE = SearchAttributeKey.forKeyword("Site");

  /**
   * When the credentials a node was given expire (Datetime): the earlier of its certificate's
   * {@code notAfter} and its server JWT's {@code exp}. Set only with {@code renewal} on.
   */
  public static final SearchAttributeKey<java.time.OffsetDateTime> CREDENTIALS_EXPIRE_AT =
      SearchAttributeKey.forOffsetDateTime("CredentialsExpireAt");

  /**
   * The Choria version a node ran before the run upgraded it (Keyword); set only by runs that call
   * {@code release_update}.
   */
  public static final SearchAttributeKey<String> CHORIA_VERSION_BEFORE =
      SearchAttributeKey.forKeyword("ChoriaVersionBefore");

  /**
   * The Choria version an upgraded node came back on (Keyword); set only by runs that call {@code
   * release_update}, once the node is back.
   */
  public static final SearchAttributeKey<String> CHORIA_VERSION_AFTER =
      SearchAttributeKey.forKeyword("ChoriaVersionAfter");

  /** All keys, in registration order. */
  public static final List<SearchAttributeKey<?>> ALL =
      List.of(
          PROVISIONING_STATE,
          NODE_IDENTITY,
          PROVISIONING_ATTEMPT,
          SITE,
          CREDENTIALS_EXPIRE_AT,
          CHORIA_VERSION_BEFORE,
          CHORIA_VERSION_AFTER);

  /**
   * Name to type as the temporal CLI spells it ({@code Keyword}, {@code Int}), for {@code temporal
   * server start-dev --search-attribute NAME=TYPE} and {@code temporal operator search-attribute
   * create}. Iteration order is stable.
   */
  public static final Map<String, String> REGISTRATION = registration();

  private SearchAttributeKeys() {}

  /** Returns name to {@link IndexedValueType}, for {@code registerSearchAttribute} in tests. */
  public static Map<String, IndexedValueType> indexedValueTypes() {
    Map<String, IndexedValueType> types = new LinkedHashMap<>();
    ALL.forEach(key -> types.put(key.getName(), key.getValueType()));
    return java.util.Collections.unmodifiableMap(types);
  }

  private static Map<String, String> registration() {
    Map<String, String> names = new LinkedHashMap<>();
    for (SearchAttributeKey<?> key : ALL) {
      names.put(
          key.getName(),
          switch (key.getValueType()) {
            case INDEXED_VALUE_TYPE_KEYWORD -> "Keyword";
            case INDEXED_VALUE_TYPE_INT -> "Int";
            case INDEXED_VALUE_TYPE_DATETIME -> "Datetime";
            default -> throw new IllegalStateException("unmapped type of " + key.getName());
          });
    }
    return java.util.Collections.unmodifiableMap(names);
  }
}
