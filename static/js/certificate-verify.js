// "Verify the signed credential": asks the server to check the proof and the status list.
document.addEventListener("DOMContentLoaded", () => {
  const button = document.querySelector("[data-verify-url]");
  const output = document.querySelector("[data-verify-result]");
  if (!button || !output) return;
  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      const response = await fetch(button.dataset.verifyUrl, { headers: { Accept: "application/json" } });
      const result = await response.json();
      if (result.verified) output.textContent = button.dataset.verified;
      else if (result.signature && result.revoked) output.textContent = button.dataset.revoked;
      else output.textContent = button.dataset.failed;
    } catch (error) {
      output.textContent = button.dataset.failed;
    } finally {
      button.disabled = false;
    }
  });
});
