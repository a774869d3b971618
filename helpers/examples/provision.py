#!/usr/bin/env python3
"""Fleetwright example helper (Python, runs in-process in GraalPy).

Chooses the broker by the node's `country` fact, sets registration, has the built-in CA sign
the node's CSR, defers nodes that have no `country` fact yet, and asks for the Choria version
in an `upgrade_to` fact. Same behaviour as
provision.js and provision.sh. See helpers/README.md for the contract.

The same file also works as a subprocess helper under CPython:
helper: "/usr/bin/python3 provision.py" with helper_runtime: subprocess.
"""

import json
import sys

BROKERS = {
    "de": "nats://nats-eu1.example.net:4222,nats://nats-eu2.example.net:4222",
    "fr": "nats://nats-eu1.example.net:4222,nats://nats-eu2.example.net:4222",
    "nl": "nats://nats-eu1.example.net:4222,nats://nats-eu2.example.net:4222",
    "us": "nats://nats-us1.example.net:4222,nats://nats-us2.example.net:4222",
    "ca": "nats://nats-us1.example.net:4222,nats://nats-us2.example.net:4222",
}
DEFAULT_BROKERS = "nats://nats.example.net:4222"


def provision(host):
    # `inventory` is a JSON string inside the JSON input: decode it a second time.
    inventory = json.loads(host["inventory"]) if host.get("inventory") else {}
    facts = inventory.get("facts") or {}
    country = facts.get("country")
    country = country.strip().lower() if isinstance(country, str) else ""
    if country == "":
        return {
            "defer": True,
            "msg": host["identity"] + ": no 'country' fact in the inventory; set facts.country"
            " on the node and it is provisioned at the next discovery",
        }

    brokers = BROKERS.get(country, DEFAULT_BROKERS)
    # Every configuration value must be a string: "300", not 300.
    configuration = {
        "identity": host["identity"],
        "loglevel": "info",
        "plugin.choria.server.provision": "false",
        "plugin.choria.middleware_hosts": brokers,
        "plugin.choria.use_srv": "false",
        "registration": "file_content",
        "registerinterval": "300",
        "registration_splay": "true",
        "plugin.choria.registration.file_content.data": "/etc/choria/metadata.json",
        "plugin.choria.registration.file_content.target": "choria.broadcast.agent.registration",
    }
    reply = {
        "defer": False,
        "msg": "configured " + host["identity"] + " for country " + country
        + " with brokers " + brokers,
        "configuration": configuration,
    }

    if host.get("csr"):
        ssldir = host["csr"]["ssldir"]
        reply["sign_csr"] = True  # the provisioner's built-in CA signs the node's CSR
        reply["ssldir"] = ssldir
        configuration["plugin.security.provider"] = "file"
        configuration["plugin.security.file.certificate"] = ssldir + "/certificate.pem"
        configuration["plugin.security.file.key"] = ssldir + "/private.pem"
        configuration["plugin.security.file.ca"] = ssldir + "/ca.pem"

    # A node with an `upgrade_to` fact is asked to run that Choria version first (features.upgrades).
    upgrade_to = facts.get("upgrade_to")
    upgrade_to = upgrade_to.strip() if isinstance(upgrade_to, str) else ""
    if upgrade_to != "":
        reply["upgrade"] = upgrade_to
    return reply


if __name__ == "__main__" and sys.implementation.name != "graalpy":
    json.dump(provision(json.load(sys.stdin)), sys.stdout)
