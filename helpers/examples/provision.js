// Fleetwright example helper (JavaScript, runs in-process in GraalJS).
//
// Chooses the broker by the node's `country` fact, sets registration, has the built-in CA sign
// the node's CSR, defers nodes that have no `country` fact yet, and asks for the Choria version in
// an `upgrade_to` fact. Same behaviour as
// provision.py and provision.sh. See helpers/README.md for the contract.

const BROKERS = {
  de: "nats://nats-eu1.example.net:4222,nats://nats-eu2.example.net:4222",
  fr: "nats://nats-eu1.example.net:4222,nats://nats-eu2.example.net:4222",
  nl: "nats://nats-eu1.example.net:4222,nats://nats-eu2.example.net:4222",
  us: "nats://nats-us1.example.net:4222,nats://nats-us2.example.net:4222",
  ca: "nats://nats-us1.example.net:4222,nats://nats-us2.example.net:4222",
};
const DEFAULT_BROKERS = "nats://nats.example.net:4222";

function provision(host) {
  // `inventory` is a JSON string inside the JSON input: decode it a second time.
  const inventory = host.inventory ? JSON.parse(host.inventory) : {};
  const facts = inventory.facts || {};
  const country = typeof facts.country === "string" ? facts.country.trim().toLowerCase() : "";
  if (country === "") {
    return {
      defer: true,
      msg: host.identity + ": no 'country' fact in the inventory; set facts.country on the node" +
          " and it is provisioned at the next discovery",
    };
  }

  const brokers = BROKERS[country] || DEFAULT_BROKERS;
  // Every configuration value must be a string: "300", not 300.
  const configuration = {
    "identity": host.identity,
    "loglevel": "info",
    "plugin.choria.server.provision": "false",
    "plugin.choria.middleware_hosts": brokers,
    "plugin.choria.use_srv": "false",
    "registration": "file_content",
    "registerinterval": "300",
    "registration_splay": "true",
    "plugin.choria.registration.file_content.data": "/etc/choria/metadata.json",
    "plugin.choria.registration.file_content.target": "choria.broadcast.agent.registration",
  };
  const reply = {
    defer: false,
    msg: "configured " + host.identity + " for country " + country + " with brokers " + brokers,
    configuration: configuration,
  };

  if (host.csr) {
    const ssldir = host.csr.ssldir;
    reply.sign_csr = true; // the provisioner's built-in CA signs the node's CSR
    reply.ssldir = ssldir;
    configuration["plugin.security.provider"] = "file";
    configuration["plugin.security.file.certificate"] = ssldir + "/certificate.pem";
    configuration["plugin.security.file.key"] = ssldir + "/private.pem";
    configuration["plugin.security.file.ca"] = ssldir + "/ca.pem";
  }

  // A node with an `upgrade_to` fact is asked to run that Choria version first (features.upgrades).
  const upgradeTo = typeof facts.upgrade_to === "string" ? facts.upgrade_to.trim() : "";
  if (upgradeTo !== "") {
    reply.upgrade = upgradeTo;
  }
  return reply;
}
