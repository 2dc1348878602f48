// Passkey ceremonies (WebAuthn) for /account/security/passkey (create) and /login/passkey (get).
// Options come from the server as JSON with base64url binary values; the credential goes back as
// JSON (RegistrationResponseJSON / AuthenticationResponseJSON). CSRF token from the form.
(function () {
  'use strict';
  var form = document.getElementById('passkey-form');
  if (!form) { return; }
  var mode = form.getAttribute('data-mode');
  var errorBox = document.getElementById('passkey-error');
  function csrf() {
    var input = form.querySelector('input[name="_csrf"]');
    return input ? input.value : '';
  }
  function b64uToBytes(s) {
    s = s.replace(/-/g, '+').replace(/_/g, '/');
    while (s.length % 4) { s += '='; }
    var bin = atob(s), out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) { out[i] = bin.charCodeAt(i); }
    return out.buffer;
  }
  function bytesToB64u(buf) {
    var bytes = new Uint8Array(buf), bin = '';
    for (var i = 0; i < bytes.length; i++) { bin += String.fromCharCode(bytes[i]); }
    return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }
  function post(url, body) {
    return fetch(url, {
      method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'Accept': 'application/json', 'X-CSRF-TOKEN': csrf() },
      body: body === undefined ? '{}' : JSON.stringify(body)
    }).then(function (r) { if (!r.ok) { throw new Error('HTTP ' + r.status); } return r.json(); });
  }
  function fail() { errorBox.hidden = false; errorBox.focus(); }
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    errorBox.hidden = true;
    post(form.getAttribute('data-options-url')).then(function (o) {
      o.challenge = b64uToBytes(o.challenge);
      if (mode === 'create') {
        o.user.id = b64uToBytes(o.user.id);
        (o.excludeCredentials || []).forEach(function (c) { c.id = b64uToBytes(c.id); });
        return navigator.credentials.create({ publicKey: o });
      }
      (o.allowCredentials || []).forEach(function (c) { c.id = b64uToBytes(c.id); });
      return navigator.credentials.get({ publicKey: o });
    }).then(function (cred) {
      var r = cred.response, response = { clientDataJSON: bytesToB64u(r.clientDataJSON) };
      if (mode === 'create') {
        response.attestationObject = bytesToB64u(r.attestationObject);
        response.transports = r.getTransports ? r.getTransports() : [];
      } else {
        response.authenticatorData = bytesToB64u(r.authenticatorData);
        response.signature = bytesToB64u(r.signature);
        if (r.userHandle) { response.userHandle = bytesToB64u(r.userHandle); }
      }
      var label = document.getElementById('label');
      return post(form.getAttribute('data-finish-url'), {
        label: label ? label.value : null,
        credential: {
          id: cred.id, rawId: bytesToB64u(cred.rawId), type: cred.type, response: response,
          clientExtensionResults: cred.getClientExtensionResults ? cred.getClientExtensionResults() : {},
          authenticatorAttachment: cred.authenticatorAttachment || null
        }
      });
    }).then(function (answer) { window.location.assign(answer.redirect); }, fail);
  });
}());
