#!/bin/sh
# Makes Contoso.DemoApp.msix, the demo's signed package, the way a release pipeline would: a package laid out as
# MakeAppx lays it out (manifest, block map, content types), signed with osslsigncode (Debian package osslsigncode),
# which computes the package digests a device checks. The signer is a self-signed code-signing certificate valid for
# 25 years, so the demo keeps working; its private key is made in a temporary folder and deleted. The manifest's
# Publisher is the signer's subject, as Windows requires. Run again only to change the package.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - "$work/unsigned.msix" <<'PY'
import base64, hashlib, sys, zipfile
manifest = b'''<?xml version="1.0" encoding="utf-8"?>
<Package xmlns="http://schemas.microsoft.com/appx/manifest/foundation/windows10">
  <Identity Name="Contoso.DemoApp" Version="1.0.0.0" Publisher="CN=Contoso Demo Apps, O=Contoso, C=US" ProcessorArchitecture="x64" />
  <Properties><DisplayName>Contoso Demo App</DisplayName><PublisherDisplayName>Contoso</PublisherDisplayName></Properties>
</Package>
'''
files = {'AppxManifest.xml': manifest, 'App.txt': b'Hello from the Contoso demo app.\n'}
# One block per file (each is under 64 KiB): its SHA-256, and the size of its local file header (30 bytes + name).
blocks = ''.join(
    '<File Name="%s" Size="%d" LfhSize="%d"><Block Hash="%s"/></File>'
    % (name, len(data), 30 + len(name), base64.b64encode(hashlib.sha256(data).digest()).decode())
    for name, data in files.items())
blockmap = ('<?xml version="1.0" encoding="UTF-8" standalone="no"?><BlockMap xmlns="http://schemas.microsoft.com/appx/2010/blockmap" '
            'HashMethod="http://www.w3.org/2001/04/xmlenc#sha256">' + blocks + '</BlockMap>').encode()
types = (b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
         b'<Default Extension="txt" ContentType="text/plain"/>'
         b'<Override PartName="/AppxManifest.xml" ContentType="application/vnd.ms-appx.manifest+xml"/>'
         b'<Override PartName="/AppxBlockMap.xml" ContentType="application/vnd.ms-appx.blockmap+xml"/></Types>')
with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_STORED) as package:
    for name, data in files.items():
        package.writestr(name, data)
    package.writestr('AppxBlockMap.xml', blockmap)
    package.writestr('[Content_Types].xml', types)
PY

openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/key.pem" -out "$work/signer.pem" -days 9131 \
    -subj "/C=US/O=Contoso/CN=Contoso Demo Apps" \
    -addext "extendedKeyUsage=codeSigning" -addext "basicConstraints=critical,CA:FALSE" -addext "keyUsage=critical,digitalSignature" 2>/dev/null
rm -f "$here/Contoso.DemoApp.msix"
osslsigncode sign -certs "$work/signer.pem" -key "$work/key.pem" -in "$work/unsigned.msix" -out "$here/Contoso.DemoApp.msix"
osslsigncode verify -CAfile "$work/signer.pem" -in "$here/Contoso.DemoApp.msix" >/dev/null
echo "Wrote $here/Contoso.DemoApp.msix"
