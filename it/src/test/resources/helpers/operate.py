#!/usr/bin/env python3
"""Test helper for OperateIT: node-NNNNN with NNNNN % 5 == 0 defers (awaiting approval), node 3
returns a non-string configuration value (its node ends FAILED), the others are configured."""
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
if index % 5 == 0:
    print(json.dumps({"defer": True, "msg": "waiting for rack approval of " + identity}))
elif index == 3:
    config["registerinterval"] = 300
    print(json.dumps({"defer": False, "msg": "broken on purpose", "configuration": config}))
else:
    print(json.dumps({"defer": False, "msg": "ok", "configuration": config}))
