package io.fleetwright.fleet.internal;

import io.fleetwright.fleet.FleetException;
import io.fleetwright.fleet.TargetResolver;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import javax.naming.Context;
import javax.naming.NameNotFoundException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;

/**
 * DNS SRV lookup of {@code _choria-provisioner._tcp.<domain>} through JNDI, ordered by priority
 * then weight (heaviest first). An optional DNS server ({@code host:port}) replaces the system
 * resolver.
 */
public record SrvTargets(String domain, Optional<String> dnsServer) implements TargetResolver {

  /** Validates the domain. */
  public SrvTargets {
    if (domain == null || domain.isBlank()) {
      throw new FleetException("srvDomain: give a DNS domain, e.g. example.net");
    }
  }

  /** The SRV name queried. */
  public String recordName() {
    return "_choria-provisioner._tcp." + domain;
  }

  @Override
  public List<String> resolve() {
    Hashtable<String, String> env = new Hashtable<>();
    env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.dns.DnsContextFactory");
    dnsServer.ifPresent(server -> env.put(Context.PROVIDER_URL, "dns://" + server));
    env.put("com.sun.jndi.dns.timeout.initial", "1000");
    env.put("com.sun.jndi.dns.timeout.retries", "2");
    try {
      DirContext ctx = new InitialDirContext(env);
      try {
        Attributes attributes = ctx.getAttributes(recordName(), new String[] {"SRV"});
        return toUrls(attributes.get("SRV"));
      } finally {
        ctx.close();
      }
    } catch (NameNotFoundException e) {
      throw new FleetException(
          "DNS has no SRV record " + recordName() + "; publish one or give natsUrl");
    } catch (NamingException e) {
      throw new FleetException(
          "DNS SRV lookup of "
              + recordName()
              + dnsServer.map(s -> " at " + s).orElse("")
              + " failed: "
              + e.getMessage(),
          e);
    }
  }

  private List<String> toUrls(Attribute srv) throws NamingException {
    if (srv == null || srv.size() == 0) {
      throw new FleetException("DNS SRV record " + recordName() + " has no targets");
    }
    List<String[]> records = new ArrayList<>();
    NamingEnumeration<?> values = srv.getAll();
    while (values.hasMore()) {
      String[] fields = values.next().toString().trim().split("\\s+");
      if (fields.length != 4) {
        throw new FleetException(
            "DNS SRV record "
                + recordName()
                + " has a malformed value: "
                + String.join(" ", fields));
      }
      records.add(fields);
    }
    records.sort(
        Comparator.<String[]>comparingInt(r -> Integer.parseInt(r[0]))
            .thenComparing(r -> -Integer.parseInt(r[1])));
    List<String> out = new ArrayList<>();
    for (String[] r : records) {
      String host = r[3].endsWith(".") ? r[3].substring(0, r[3].length() - 1) : r[3];
      out.add(BrokerUrls.normalise(host + ":" + r[2], "DNS SRV " + recordName()));
    }
    return out;
  }

  @Override
  public String describe() {
    return "DNS SRV " + recordName() + dnsServer.map(s -> " via " + s).orElse("");
  }
}
