#!/usr/bin/env python3
"""Test helper for FailedNodeHealsIT: the first run for node-00002 returns a non-string
configuration value (its run ends FAILED); every later run, and every other node, is configured.
Runs so far are counted in the folder given as argument."""
import json
import os
import re
import sys

host = json.load(sys.stdin)
identity = host["identity"]
index = int(re.search(r"(\d+)", identity).group(1))
marker = os.path.join(sys.argv[1], identity)
runs = int(open(marker).read()) if os.path.exists(marker) else 0
with open(marker, "w") as f:
    f.write(str(runs + 1))
config = {
    "plugin.choria.server.provision": "false",
    "plugin.choria.middleware_hosts": "nats://broker.example.net:4222",
    "loglevel": "info",
}
if index == 2 and runs == 0:
    config["registerinterval"] = 300  # not a string: the provisioner must reject this output
    print(json.dumps({"defer": False, "msg": "broken on purpose, once", "configuration": config}))
else:
    print(json.dumps({"defer": False, "msg": "run %d" % (runs + 1), "configuration": config}))
