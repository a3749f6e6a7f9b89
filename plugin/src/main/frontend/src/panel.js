// What the Rapport panel's pages share: SMART App Launch 2.2 (EHR launch, a public client with
// PKCE S256), the request headers that carry the session, server problems in plain words, and
// the confirmation dialog. The state and the code verifier stay in this tab's sessionStorage
// (never cookies) until the authorisation server sends the clinician back; the access token then
// lives there for the tab's life. Rapport's server only checks the FHIR server (iss) and relays
// the token request.
'use strict';

window.RapportPanel = (() => {
  const PENDING = 'rapport.smart.pending';
  const SESSION = 'rapport.smart.session';
  const PENDING_MAX_AGE_MS = 10 * 60 * 1000;

  function base64url(bytes) {
    let text = '';
    bytes.forEach((b) => { text += String.fromCharCode(b); });
    return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function random(bytes) {
    return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
  }

  async function challengeOf(verifier) {
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
    return base64url(new Uint8Array(digest));
  }

  function redirectUri(page) {
    const url = new URL(page || 'index.html', window.location.href);
    url.search = '';
    url.hash = '';
    return url.toString();
  }

  /** An element with its text (always as textContent: patient text never becomes markup) and class. */
  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  /** Plain words from an OperationOutcome (or any failed answer). */
  async function problemOf(response) {
    let text = '';
    try {
      const body = await response.json();
      if (body && body.resourceType === 'OperationOutcome' && Array.isArray(body.issue)) {
        text = body.issue.map((i) => i.diagnostics || (i.details && i.details.text) || '').filter(Boolean).join(' ');
      }
    } catch (e) { /* not JSON */ }
    return text || ('The server answered ' + response.status + ' ' + (response.statusText || '') + '.').replace(' .', '.');
  }

  /** Asks in the page's modal dialog (#confirm); resolves true only on its OK button. */
  function confirm(title, text) {
    const dialog = document.getElementById('confirm');
    if (title) document.getElementById('confirm-title').textContent = title;
    document.getElementById('confirm-text').textContent = text;
    return new Promise((resolve) => {
      dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), { once: true });
      dialog.returnValue = '';
      dialog.showModal();
      document.getElementById('confirm-cancel').focus();
    });
  }

  /**
   * Step 1, on launch.html?iss=…&launch=…: discovery, then off to the EHR's authorisation endpoint. With
   * view=caseload (the EHR's launch without a patient) the caseload's user-level scopes are asked for and
   * the EHR sends the clinician back to the caseload page; with view=group (the EHR's launch for an IPT
   * group, the Group in the token answer's fhirContext) the group's scopes, back to the panel's page,
   * which opens the group.
   */
  async function launch(query) {
    const caseload = query.get('view') === 'caseload';
    const group = query.get('view') === 'group';
    const iss = query.get('iss');
    const launchId = query.get('launch');
    if (!iss || !launchId) {
      throw new Error('This page is opened by the EHR with iss and launch. Open Rapport from the patient’s chart'
        + ' or from your caseload in the EHR.');
    }
    const response = await fetch('api/smart/authorize?iss=' + encodeURIComponent(iss),
      { headers: { Accept: 'application/json' }, cache: 'no-store', credentials: 'same-origin' });
    if (!response.ok) throw new Error(await problemOf(response));
    const config = await response.json();
    const state = random(32);
    const verifier = random(64);
    const redirect = redirectUri(caseload ? 'caseload.html' : 'index.html');
    sessionStorage.removeItem(SESSION);
    sessionStorage.setItem(PENDING, JSON.stringify({ state, verifier, iss, redirect, created: Date.now() }));
    const target = new URL(config.authorizationEndpoint);
    const params = {
      response_type: 'code',
      client_id: config.clientId,
      redirect_uri: redirect,
      launch: launchId,
      scope: caseload ? config.caseloadScope : group ? config.groupScope : config.scope,
      state,
      aud: config.aud,
      code_challenge: await challengeOf(verifier),
      code_challenge_method: 'S256',
    };
    Object.entries(params).forEach(([k, v]) => target.searchParams.set(k, v));
    window.location.assign(target.toString());
  }

  /** Step 2, on index.html?code=…&state=…: checks state, trades the code, keeps the session. */
  async function complete(query) {
    const pendingText = sessionStorage.getItem(PENDING);
    sessionStorage.removeItem(PENDING);
    if (query.get('error')) {
      throw new Error('The EHR did not authorise the panel: ' + (query.get('error_description') || query.get('error')));
    }
    const pending = pendingText ? JSON.parse(pendingText) : null;
    if (!pending || pending.state !== query.get('state') || Date.now() - pending.created > PENDING_MAX_AGE_MS) {
      throw new Error('This sign-in was not started from this window, or it is too old. Open the panel again from '
        + 'the patient’s chart.');
    }
    const response = await fetch('api/smart/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      cache: 'no-store',
      credentials: 'same-origin',
      body: JSON.stringify({ iss: pending.iss, code: query.get('code'), codeVerifier: pending.verifier, redirectUri: pending.redirect }),
    });
    if (!response.ok) throw new Error(await problemOf(response));
    const token = await response.json();
    const session = {
      accessToken: token.access_token,
      idToken: token.id_token || null,
      patient: token.patient || null,
      // The Group a launch for a group names in fhirContext (Rapport's server reads it out of the answer).
      group: token.group || null,
      scope: token.scope || '',
      expiresAt: Date.now() + 1000 * (Number(token.expires_in) || 300),
    };
    sessionStorage.setItem(SESSION, JSON.stringify(session));
    return session;
  }

  /** The tab's session, if it has one that has not expired. */
  function current() {
    const text = sessionStorage.getItem(SESSION);
    if (!text) return null;
    const session = JSON.parse(text);
    if (Date.now() >= session.expiresAt) {
      sessionStorage.removeItem(SESSION);
      return null;
    }
    return session;
  }

  /**
   * Request headers for Rapport: the clinician's access token (Rapport forwards it to the EHR's
   * FHIR server) and the EHR's id_token (Rapport verifies it to know who writes).
   */
  function headers(session, extra) {
    const out = Object.assign({}, extra || {});
    if (session) {
      out.Authorization = 'Bearer ' + session.accessToken;
      if (session.idToken) out['X-Rapport-Identity'] = session.idToken;
    }
    return out;
  }

  return { launch, complete, current, headers, problemOf, confirm, el };
})();
