"""The JSON-LD contexts our credentials use, bundled so signing never touches the network.

Sources (see contexts/README.md): the W3C VC 2.0 context, the 1EdTech Open Badges 3.0.3
and CLR 2.0.1 contexts, and the W3C examples context (the eddsa-rdfc-2022 test vector uses
it). Any other URL is refused: a credential naming an unknown context cannot be signed or
verified here.
"""

import json
from functools import cache
from pathlib import Path

HERE = Path(__file__).parent / "contexts"
VC_V2 = "https://www.w3.org/ns/credentials/v2"
OB_V3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
EXAMPLES_V2 = "https://www.w3.org/ns/credentials/examples/v2"
CLR_V2 = "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json"

FILES = {
    VC_V2: "credentials-v2.json",
    OB_V3: "ob-v3p0-context-3.0.3.json",
    EXAMPLES_V2: "examples-v2.json",
    CLR_V2: "clr-v2p0-context-2.0.1.json",
}


class UnknownContext(Exception):
    pass


@cache
def _text(url: str) -> str:
    try:
        name = FILES[url]
    except KeyError:
        raise UnknownContext(url) from None
    return (HERE / name).read_text()


def load(url: str) -> dict:
    """A fresh copy of the context each time, so nothing PyLD does to one reaches another."""
    return json.loads(_text(url))


def document_loader(url: str, options=None) -> dict:
    """PyLD's document loader, offline."""
    return {"contextUrl": None, "documentUrl": url, "document": load(url)}
