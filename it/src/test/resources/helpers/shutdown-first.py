#!/usr/bin/env python3
"""Test helper for HelperShutdownIT: the node whose number is 1 is shut down at the helper's request,
the others are configured."""
import json
import re
import sys

host = json.load(sys.stdin)
identity = host["identity"]
index = int(re.search(r"(\d+)", identity).group(1))
if index == 1:
    print(json.dumps({"defer": False, "shutdown": True, "msg": "decommissioned " + identity}))
else:
    print(json.dumps({"defer": False, "msg": "ok", "configuration": {
        "plugin.choria.server.provision": "false",
        "plugin.choria.middleware_hosts": "nats://broker.example.net:4222",
    }}))
