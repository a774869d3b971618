package io.fleetwright.app.config;

import io.fleetwright.app.ConfigException;
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
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;

/** Looks up one DNS SRV name, giving {@code host:port} by priority, then heaviest weight first. */
@FunctionalInterface
public interface SrvLookup {
  /**
   * @param name e.g. {@code _mcollective-server._tcp.example.net}
   * @return the targets in order; empty when the name has none
   */
  List<String> lookup(String name);

  /**
   * The system resolver, or the DNS server {@code host:port} given.
   *
   * @param server a DNS server instead of the system's
   */
  static SrvLookup dns(Optional<String> server) {
    return name -> {
      Hashtable<String, String> env = new Hashtable<>();
      env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.dns.DnsContextFactory");
      server.ifPresent(s -> env.put(Context.PROVIDER_URL, "dns://" + s));
      try {
        DirContext ctx = new InitialDirContext(env);
        try {
          return targets(ctx.getAttributes(name, new String[] {"SRV"}).get("SRV"));
        } finally {
          ctx.close();
        }
      } catch (NameNotFoundException e) {
        return List.of();
      } catch (NamingException e) {
        throw new ConfigException(
            "DNS SRV lookup of "
                + name
                + server.map(s -> " at " + s).orElse("")
                + " failed: "
                + e.getMessage()
                + "; check the resolver, or set plugin.choria.middleware_hosts");
      }
    };
  }

  private static List<String> targets(Attribute srv) throws NamingException {
    List<String[]> records = new ArrayList<>();
    if (srv != null) {
      NamingEnumeration<?> values = srv.getAll();
      while (values.hasMore()) {
        String[] f = values.next().toString().trim().split("\\s+");
        if (f.length == 4) {
          records.add(f);
        }
      }
    }
    records.sort(
        Comparator.<String[]>comparingInt(r -> Integer.parseInt(r[0]))
            .thenComparing(r -> -Integer.parseInt(r[1])));
    List<String> out = new ArrayList<>();
    for (String[] r : records) {
      String host = r[3].endsWith(".") ? r[3].substring(0, r[3].length() - 1) : r[3];
      out.add(host + ":" + r[2]);
    }
    return out;
  }
}
