#!/usr/bin/env python3
"""Test helper for GoDashboardIT: node 3 is shut down at the helper's request, node 4 returns a
non-string configuration value (its node ends FAILED), the others are configured."""
import json
import re
import sys

host = json.load(sys.stdin)
identity = host["identity"]
index = int(re.search(r"(\d+)", identity).group(1))
config = {
    "plugin.choria.server.provision": "false",
    "plugin.choria.middleware_hosts": "nats://broker.example.net:4222",
}
if index == 3:
    print(json.dumps({"defer": False, "shutdown": True, "msg": "decommissioned " + identity}))
elif index == 4:
    config["registerinterval"] = 300
    print(json.dumps({"defer": False, "msg": "broken on purpose", "configuration": config}))
else:
    print(json.dumps({"defer": False, "msg": "ok", "configuration": config}))
