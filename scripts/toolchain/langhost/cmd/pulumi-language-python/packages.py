# Lists the installed distributions that carry a Pulumi plugin manifest, for
# GetRequiredPackages in packages.go. Prints one JSON array:
#   [{"name": <distribution>, "version": <its version>, "plugin": <manifest>}]
#
# Generated SDKs put `pulumi-plugin.json` (older ones `pulumiplugin.json`)
# next to the top-level package's __init__.py. Regular installs list it in the
# distribution's RECORD; editable installs (`pip install -e`) do not, so for
# those the top-level package is located with importlib without importing it.

import importlib.metadata
import importlib.util
import json
import os
import sys

MANIFESTS = ("pulumi-plugin.json", "pulumiplugin.json")


def manifest_paths(dist):
    for f in dist.files or ():
        parts = f.parts
        if len(parts) == 2 and parts[1] in MANIFESTS:
            yield str(dist.locate_file(f))
    if dist.files and any(f.name.endswith(".pth") for f in dist.files):
        module = dist.metadata["Name"].replace("-", "_").replace(".", "_")
        try:
            spec = importlib.util.find_spec(module)
        except (ImportError, ValueError):
            spec = None
        for location in (spec.submodule_search_locations or ()) if spec else ():
            for name in MANIFESTS:
                yield os.path.join(location, name)


found = []
seen = set()
for dist in importlib.metadata.distributions():
    name = dist.metadata["Name"]
    if not name or name.lower() in seen:
        continue
    for path in manifest_paths(dist):
        try:
            with open(path, encoding="utf-8") as f:
                manifest = json.load(f)
        except (OSError, ValueError):
            continue
        seen.add(name.lower())
        found.append({"name": name, "version": dist.version, "plugin": manifest})
        break

json.dump(found, sys.stdout)
