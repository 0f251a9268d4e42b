/**
 * The add-in's browser scripts, served from the gateway's own origin (the CSP allows no inline script).
 * They read their settings from data-* attributes of <body>.
 */

/**
 * Task pane: nested app authentication first (MSAL NAA, requirement set NestedAppAuth 1.1): an access
 * token for our API goes to the gateway, which answers with an archive session. Where NAA is missing or
 * MSAL cannot get a token, the Office dialog: sign-in in a dialog whose last page hands back a one-time
 * code, redeemed here. A refusal from the gateway is shown as is (a second way would be refused too).
 */
export const TASKPANE_JS = `'use strict';
(function () {
  var data = document.body.dataset;
  function show(state, text, method) {
    var el = document.getElementById('status');
    el.textContent = text;
    el.setAttribute('data-state', state);
    if (method) el.setAttribute('data-method', method);
  }
  function post(path, body, headers) {
    return fetch(data.base + path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: Object.assign({ 'content-type': 'application/json' }, headers || {}),
      body: JSON.stringify(body),
    }).then(function (response) {
      return response.json().then(function (json) {
        if (!response.ok) throw Object.assign({ refused: true }, json.error || { message: 'Sign-in failed.' });
        return json;
      });
    });
  }
  function naaAvailable() {
    var office = window.Office;
    return !!(office && office.context && office.context.requirements &&
      office.context.requirements.isSetSupported('NestedAppAuth', '1.1') &&
      window.msal && window.msal.createNestablePublicClientApplication);
  }
  async function viaNaa() {
    var pca = await window.msal.createNestablePublicClientApplication({
      auth: { clientId: data.clientId, authority: data.authority },
    });
    var request = { scopes: [data.scope] };
    var result;
    try { result = await pca.acquireTokenSilent(request); } catch (e) { result = await pca.acquireTokenPopup(request); }
    return post('/addin/naa/exchange', {}, { authorization: 'Bearer ' + result.accessToken });
  }
  function viaDialog() {
    return new Promise(function (resolve, reject) {
      var url = location.origin + data.base + '/addin/dialog/start';
      Office.context.ui.displayDialogAsync(url, { height: 60, width: 30, promptBeforeOpen: false }, function (opened) {
        if (opened.status !== 'succeeded') return reject({ message: 'The sign-in window could not be opened.' });
        var dialog = opened.value;
        dialog.addEventHandler(Office.EventType.DialogMessageReceived, function (arg) {
          dialog.close();
          var message;
          try { message = JSON.parse(arg.message); } catch (e) { return reject({ message: 'Sign-in failed.' }); }
          if (message.status !== 'signed-in') return reject({ message: message.message || 'Sign-in failed.' });
          post('/addin/dialog/redeem', { code: message.code }).then(resolve, reject);
        });
        dialog.addEventHandler(Office.EventType.DialogEventReceived, function () {
          reject({ message: 'The sign-in window was closed before sign-in finished.' });
        });
      });
    });
  }
  function signedIn(method) {
    return function (session) {
      window.archiveSession = session;
      show('signed-in', 'Signed in as ' + session.user.displayName, method);
    };
  }
  function start() {
    show('working', 'Signing in...');
    var attempt = naaAvailable()
      ? viaNaa().then(signedIn('naa'), function (error) {
          if (error && error.refused) throw error;
          return viaDialog().then(signedIn('dialog'));
        })
      : viaDialog().then(signedIn('dialog'));
    attempt.catch(function (error) { show('failed', (error && error.message) || 'Sign-in failed.'); });
  }
  if (window.Office && Office.onReady) Office.onReady(start);
  else show('failed', 'Open this page in Outlook: Office.js is not available.');
})();
`;

/** The dialog's last page: hands the one-time code to the task pane, the only thing it sends. */
export const DIALOG_DONE_JS = `'use strict';
(function () {
  var code = document.body.dataset.result;
  function send() { Office.context.ui.messageParent(JSON.stringify({ status: 'signed-in', code: code })); }
  if (window.Office && Office.onReady) Office.onReady(send);
})();
`;
