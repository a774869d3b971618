#!/usr/bin/env python3
"""Test helper: asks an operator to approve every node, with the configuration to apply once approved."""
import json
import sys

host = json.load(sys.stdin)
print(json.dumps({
    "msg": "configured " + host["identity"],
    "approval": {"reason": "rack r7 is not in the CMDB yet"},
    "configuration": {"plugin.choria.server.provision": "false", "loglevel": "info"},
}))
