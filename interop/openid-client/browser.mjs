// A minimal cookie-keeping "browser" for the front-channel part of the code flow (login form,
// consent form). Redirects are followed by hand so that the callback URL can be captured.

export class Browser {
  constructor() {
    this.cookies = new Map();
  }

  cookieHeader() {
    return [...this.cookies.entries()].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  remember(response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
  }

  async request(url, init = {}) {
    const headers = new Headers(init.headers ?? {});
    headers.set('accept', 'text/html');
    if (this.cookies.size) headers.set('cookie', this.cookieHeader());
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    this.remember(response);
    return response;
  }

  /** Follows the flow from `start` until a redirect to `callbackPrefix`; returns that URL. */
  async untilCallback(start, callbackPrefix, username, password) {
    let response = await this.request(start);
    let current = new URL(start);
    for (let step = 0; step < 12; step++) {
      if (response.status >= 300 && response.status < 400) {
        const location = new URL(response.headers.get('location'), current);
        if (location.href.startsWith(callbackPrefix)) return location;
        current = location;
        response = await this.request(location);
        continue;
      }
      const html = await response.text();
      if (response.status !== 200) throw new Error(`unexpected status ${response.status}: ${html}`);
      const inputs = [...html.matchAll(/<input\b([^>]*)>/gi)].map((m) =>
        Object.fromEntries([...m[1].matchAll(/([a-zA-Z_:-]+)\s*=\s*"([^"]*)"/g)].map((a) => [a[1], decode(a[2])])),
      );
      const value = (name) => inputs.find((i) => i.name === name)?.value;
      if (html.includes('name="password"')) {
        const form = new URLSearchParams({ username, password, _csrf: value('_csrf') });
        current = new URL('/login', current);
        response = await this.request(current, { method: 'POST', body: form });
        continue;
      }
      if (html.includes('action="/oauth2/authorize"')) {
        const form = new URLSearchParams();
        form.append('client_id', value('client_id'));
        form.append('state', value('state'));
        form.append('_csrf', value('_csrf'));
        for (const input of inputs) if (input.name === 'scope') form.append('scope', input.value);
        current = new URL('/oauth2/authorize', current);
        response = await this.request(current, { method: 'POST', body: form });
        continue;
      }
      throw new Error(`unexpected page: ${html.slice(0, 500)}`);
    }
    throw new Error('too many steps');
  }
}

function decode(text) {
  return text.replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
}
