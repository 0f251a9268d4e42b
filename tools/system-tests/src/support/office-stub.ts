/**
 * What Outlook gives an add-in, for a task pane opened in a plain browser: Office.js with the dialog API
 * (a popup, `messageParent` posting to the opener, as Outlook on the web does it) and the requirement-set
 * check. `window.__naaSupported` decides whether NestedAppAuth 1.1 is reported.
 */
export const OFFICE_JS_STUB = `
window.Office = {
  onReady: function (callback) { setTimeout(callback, 0); return Promise.resolve({}); },
  EventType: { DialogMessageReceived: 'dialogMessageReceived', DialogEventReceived: 'dialogEventReceived' },
  context: {
    requirements: {
      isSetSupported: function (name) { return name === 'NestedAppAuth' && window.__naaSupported === true; },
    },
    ui: {
      displayDialogAsync: function (url, options, callback) {
        var dialogWindow = window.open(url, 'office-dialog');
        var handlers = {};
        window.__officeDialogHandlers = handlers;
        callback({
          status: 'succeeded',
          value: {
            addEventHandler: function (type, handler) { handlers[type] = handler; },
            close: function () { dialogWindow.close(); },
          },
        });
      },
      messageParent: function (message) {
        window.opener.__officeDialogHandlers.dialogMessageReceived({ message: message });
      },
    },
  },
};
`;

/** MSAL's nestable client as the Outlook host backs it: hands out the given access token, records the request. */
export function msalNaaStub(accessToken: string): string {
  return `
window.msal = {
  createNestablePublicClientApplication: async function (configuration) {
    return {
      acquireTokenSilent: async function (request) {
        window.__naaRequest = { clientId: configuration.auth.clientId, scopes: request.scopes };
        return { accessToken: ${JSON.stringify(accessToken)} };
      },
      acquireTokenPopup: async function () { throw new Error('no popup expected'); },
    };
  },
};
`;
}
