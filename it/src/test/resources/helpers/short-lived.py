#!/usr/bin/env python3
"""Test helper: configures every node with a server JWT that expires one hour and N seconds from now."""
import json
import sys
import time

host = json.load(sys.stdin)
print(json.dumps({"defer": False, "msg": "short-lived credentials", "server_claims": {
    "exp": int(time.time()) + 3600 + int(sys.argv[1])}, "configuration": {
    "identity": host["identity"], "plugin.choria.server.provision": "false"}}))
