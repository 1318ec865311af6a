// The certificate page's two checks of the signed credential (eddsa-rdfc-2022):
// "Verify in this browser" canonicalises with jsonld.js and checks the Ed25519 signature with
// the browser's Web Crypto, against the key in the issuer's DID document, then reads the
// revocation bit from the status list; "Verify on the server" asks /verify.json.
(() => {
  const B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

  function fromBase58(text) {
    let value = 0n;
    for (const char of text) {
      const digit = B58.indexOf(char);
      if (digit < 0) throw new Error("not base58");
      value = value * 58n + BigInt(digit);
    }
    const bytes = [];
    while (value > 0n) {
      bytes.unshift(Number(value % 256n));
      value /= 256n;
    }
    for (const char of text) {
      if (char !== "1") break;
      bytes.unshift(0);
    }
    return new Uint8Array(bytes);
  }

  function fromBase64url(text) {
    const body = text.replace(/-/g, "+").replace(/_/g, "/");
    const padded = body + "=".repeat((4 - (body.length % 4)) % 4);
    return Uint8Array.from(atob(padded), (char) => char.charCodeAt(0));
  }

  const sameSite = (url) => new URL(url).pathname + new URL(url).search;

  async function getJSON(url) {
    const response = await fetch(url, { headers: { Accept: "application/json" } });
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    return response.json();
  }

  function loaderFor(contexts) {
    return async (url) => {
      if (!(url in contexts)) throw new Error(`unknown context ${url}`);
      return { contextUrl: null, documentUrl: url, document: await getJSON(contexts[url]) };
    };
  }

  async function sha256(text) {
    return new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
  }

  async function proofVerifies(document, did, contexts) {
    const { proof, ...unsecured } = document;
    const { proofValue, ...options } = proof;
    options["@context"] = document["@context"];
    const method = did.verificationMethod.find((m) => m.id === proof.verificationMethod);
    if (!method) return false;
    const canonize = (doc) =>
      jsonld.canonize(doc, {
        algorithm: "URDNA2015",
        format: "application/n-quads",
        documentLoader: loaderFor(contexts),
        safe: true,
      });
    const hashData = new Uint8Array(64);
    hashData.set(await sha256(await canonize(options)), 0);
    hashData.set(await sha256(await canonize(unsecured)), 32);
    const multikey = fromBase58(method.publicKeyMultibase.slice(1));
    if (multikey[0] !== 0xed || multikey[1] !== 0x01) return false;
    const key = await crypto.subtle.importKey(
      "raw", multikey.slice(2), { name: "Ed25519" }, false, ["verify"],
    );
    return crypto.subtle.verify(
      { name: "Ed25519" }, key, fromBase58(proofValue.slice(1)), hashData,
    );
  }

  async function revoked(status, did, contexts) {
    const list = await getJSON(sameSite(status.statusListCredential));
    if (!(await proofVerifies(list, did, contexts))) throw new Error("status list signature");
    const compressed = fromBase64url(list.credentialSubject.encodedList.slice(1));
    const stream = new Blob([compressed]).stream().pipeThrough(new DecompressionStream("gzip"));
    const bits = new Uint8Array(await new Response(stream).arrayBuffer());
    const index = Number(status.statusListIndex);
    return Boolean(bits[index >> 3] & (0x80 >> (index % 8)));
  }

  async function inBrowser(button) {
    const contexts = JSON.parse(document.getElementById("credential-contexts").textContent);
    const credential = await getJSON(button.dataset.credentialUrl);
    const did = await getJSON(button.dataset.didUrl);
    const issuer = typeof credential.issuer === "string" ? credential.issuer : credential.issuer.id;
    if (issuer !== did.id) return { signature: false };
    const signature = await proofVerifies(credential, did, contexts);
    if (!signature) return { signature: false };
    return { signature, revoked: await revoked(credential.credentialStatus, did, contexts) };
  }

  async function onServer(button) {
    const result = await getJSON(button.dataset.verifyUrl);
    return { signature: result.signature, revoked: result.revoked };
  }

  document.addEventListener("DOMContentLoaded", () => {
    const output = document.querySelector("[data-verify-result]");
    for (const button of document.querySelectorAll("[data-verify]")) {
      button.addEventListener("click", async () => {
        button.disabled = true;
        output.textContent = "";
        try {
          const check = button.dataset.verify === "browser" ? inBrowser : onServer;
          const result = await check(button);
          if (result.signature && !result.revoked) output.textContent = output.dataset.verified;
          else if (result.signature) output.textContent = output.dataset.revoked;
          else output.textContent = output.dataset.failed;
        } catch (error) {
          output.textContent = output.dataset.failed;
        } finally {
          button.disabled = false;
        }
      });
    }
  });
})();
