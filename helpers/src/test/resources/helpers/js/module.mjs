// An ES module helper: provision is exported.
const PREFIX = "module says hello to ";

export function provision(host) {
  return {
    msg: PREFIX + host.identity,
    configuration: { "plugin.choria.server.provision": "false" },
  };
}
