/**
 * DOM probes that run INSIDE the VS Code workbench page.
 *
 * Kept as a plain JavaScript string (not a TS function handed to
 * page.evaluate) on purpose: tsx/esbuild may wrap functions with helpers such
 * as `__name(...)` that do not exist in the browser, and the repo's tsconfig
 * has no DOM lib. Installed with page.addInitScript; every probe is pure and
 * side-effect free, so it can be polled by page.waitForFunction.
 *
 * Selectors verified against VS Code 1.139.1 (code-server 4.139.1).
 */
export const PAGE_HELPERS = String.raw`
(() => {
  if (window.__e2e) return;
  const norm = (s) => (s || '').replace(/\u00a0/g, ' ');
  const visible = (el) => {
    if (!el || !el.isConnected) return false;
    const st = getComputedStyle(el);
    if (st.display === 'none' || st.visibility === 'hidden') return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  };

  /**
   * The active editor group: the one holding focus, else a modal editor part's
   * active group, else the main editor part's active group.
   */
  function activeGroup() {
    const focused = document.activeElement && document.activeElement.closest('.part.editor .editor-group-container');
    if (focused) return focused;
    const parts = [...document.querySelectorAll('.part.editor')].filter(visible);
    const part = parts.find((p) => p.classList.contains('modal-editor-part')) || parts[0];
    if (!part) return null;
    const groups = [...part.querySelectorAll('.editor-group-container')];
    return groups.find((g) => g.classList.contains('active')) || groups[0] || null;
  }

  /** The code editor of the active editor group (not hover/peek/diff sub-editors). */
  function activeEditor() {
    const group = activeGroup();
    if (!group) return null;
    const eds = [...group.querySelectorAll('.editor-container .monaco-editor')]
      .filter((e) => visible(e) && !e.closest('.monaco-hover, .peekview-widget, .suggest-widget'));
    return eds[0] || null;
  }

  /** Rendered lines of the active editor, sorted top to bottom (DOM order is not line order). */
  function lines(ed) {
    ed = ed || activeEditor();
    if (!ed) return [];
    const numbers = [...ed.querySelectorAll('.margin-view-overlays .line-numbers')].map((n) => {
      const r = n.getBoundingClientRect();
      return { y: (r.top + r.bottom) / 2, n: Number(norm(n.textContent).trim()) };
    });
    return [...ed.querySelectorAll('.view-lines > .view-line')]
      .map((el) => {
        const r = el.getBoundingClientRect();
        const num = numbers.find((x) => x.y >= r.top && x.y <= r.bottom);
        return { el, top: r.top, bottom: r.bottom, number: num && num.n > 0 ? num.n : null, text: norm(textNodes(el).map((n) => n.textContent).join('')) };
      })
      .sort((a, b) => a.top - b.top);
  }

  function findLine(lineText) {
    const ls = lines();
    return ls.find((l) => l.text === lineText) || ls.find((l) => l.text.includes(lineText)) || null;
  }

  /**
   * Text nodes of a rendered line that belong to the document. Injected text
   * (color swatches, inlay hints: spans with generated "dyn-rule-*" classes) is
   * skipped, so offsets match document columns (for lines without tabs).
   */
  const INJECTED = /(^|\s)(dyn-rule-|colorpicker-color-decoration|inlay-hint)/;
  function textNodes(lineEl) {
    const out = [];
    const walker = document.createTreeWalker(lineEl, NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walker.nextNode())) {
      let injected = false;
      for (let p = node.parentElement; p && p !== lineEl; p = p.parentElement) {
        if (INJECTED.test(p.className || '')) { injected = true; break; }
      }
      if (!injected) out.push(node);
    }
    return out;
  }

  /** DOM Range covering characters [start, end) of a rendered line (document text only). */
  function charRange(lineEl, start, end) {
    const range = document.createRange();
    let pos = 0, startSet = false;
    for (const node of textNodes(lineEl)) {
      const len = node.textContent.length;
      if (!startSet && start < pos + len) { range.setStart(node, start - pos); startSet = true; }
      if (startSet && end <= pos + len) { range.setEnd(node, end - pos); return range; }
      pos += len;
    }
    return null;
  }
  function rectOf(range) {
    const r = range.getBoundingClientRect();
    return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, x: (r.left + r.right) / 2, y: (r.top + r.bottom) / 2 };
  }

  /**
   * Geometry of a token on the first visible line containing lineText.
   * Returns null when line/token is not rendered.
   */
  function tokenBox(lineText, token, occurrence) {
    const line = findLine(lineText);
    if (!line) return null;
    let idx = -1;
    for (let i = 0; i <= (occurrence || 0); i++) { idx = line.text.indexOf(token, idx + 1); if (idx < 0) return null; }
    const whole = charRange(line.el, idx, idx + token.length);
    const first = charRange(line.el, idx, idx + 1);
    const last = charRange(line.el, idx + token.length - 1, idx + token.length);
    const mid = Math.floor(idx + token.length / 2);
    const midR = charRange(line.el, mid, Math.min(mid + 1, idx + token.length));
    if (!whole || !first || !last || !midR) return null;
    return { index: idx, lineNumber: line.number, lineText: line.text, box: rectOf(whole), first: rectOf(first), last: rectOf(last), mid: rectOf(midR) };
  }

  function lineBox(lineText) {
    const line = findLine(lineText);
    if (!line) return null;
    const r = line.el.getBoundingClientRect();
    return { text: line.text, lineNumber: line.number, left: r.left, right: r.right, top: r.top, bottom: r.bottom, y: (r.top + r.bottom) / 2 };
  }

  function editorInfo() {
    const ed = activeEditor();
    if (!ed) return null;
    const r = ed.getBoundingClientRect();
    const sc = ed.querySelector('.lines-content') || ed;
    const c = sc.getBoundingClientRect();
    return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, contentLeft: c.left,
      focused: ed.contains(document.activeElement) || ed.classList.contains('focused') };
  }

  /**
   * The active editor's language id, e.g. "x12": Monaco's data-mode-id where the editor DOM carries it, else the
   * "<id>-lang-file-icon" class VS Code puts on the active tab's label.
   */
  function languageId() {
    const ed = activeEditor();
    if (!ed) return null;
    const marked = ed.closest('[data-mode-id]') || ed.querySelector('[data-mode-id]');
    if (marked) return marked.getAttribute('data-mode-id');
    const group = activeGroup();
    const label = group && group.querySelector('.tab.active .monaco-icon-label');
    const cls = label ? [...label.classList].find((c) => c.endsWith('-lang-file-icon')) : undefined;
    return cls ? cls.slice(0, -'-lang-file-icon'.length) : null;
  }

  function editorText() { return lines().map((l) => l.text).join('\n'); }

  /** Squiggles of a kind in the active editor, with the text they underline. */
  function squiggles(kind) {
    const ed = activeEditor();
    if (!ed) return [];
    const ls = lines(ed);
    const out = [];
    for (const sq of ed.querySelectorAll('.squiggly-' + kind)) {
      const r = sq.getBoundingClientRect();
      const cy = (r.top + r.bottom) / 2;
      const line = ls.find((l) => cy >= l.top - 1 && cy <= l.bottom + 1);
      let text = '';
      if (line) {
        let s = -1, e = -1;
        for (let i = 0; i < line.text.length; i++) {
          const cr = charRange(line.el, i, i + 1);
          if (!cr) continue;
          const x = rectOf(cr).x;
          if (x >= r.left && x <= r.right) { if (s < 0) s = i; e = i + 1; }
        }
        if (s >= 0) text = line.text.slice(s, e);
      }
      out.push({ kind, text, lineText: line ? line.text : '' });
    }
    out.sort((a, b) => (a.lineText + a.text).localeCompare(b.lineText + b.text));
    return out;
  }

  /** The editor content hover (not workbench tooltips). */
  function hover() {
    const hs = [...document.querySelectorAll('.monaco-editor .monaco-hover')].filter((h) => visible(h) && !h.classList.contains('hidden'));
    if (!hs.length) return { visible: false, text: '' };
    const text = hs.map((h) => { const c = h.querySelector('.monaco-hover-content') || h; return c.innerText; }).join('\n').trim();
    const loading = /^Loading\.\.\.$/m.test(text) && text.replace(/Loading\.\.\./g, '').trim() === '';
    return { visible: true, text, loading };
  }

  function suggest() {
    const w = [...document.querySelectorAll('.editor-widget.suggest-widget')].find(visible);
    if (!w) return { visible: false, loading: false, labels: [], focused: null };
    const rows = [...w.querySelectorAll('.monaco-list-row')].filter(visible)
      .map((r) => ({ idx: Number(r.getAttribute('data-index')), label: norm((r.querySelector('.label-name') || r).textContent).trim(), focused: r.classList.contains('focused') }))
      .sort((a, b) => a.idx - b.idx);
    const msg = w.querySelector('.message');
    const msgText = msg && visible(msg) ? norm(msg.textContent).trim() : '';
    return { visible: true, loading: /Loading/.test(msgText), message: msgText, labels: rows.map((r) => r.label), focused: (rows.find((r) => r.focused) || {}).label || null };
  }

  function problems() {
    const panel = [...document.querySelectorAll('.markers-panel')].find(visible);
    if (!panel) return { visible: false, entries: [], message: '' };
    const msgEl = panel.querySelector('.message-box-container');
    const message = msgEl && visible(msgEl) ? norm(msgEl.textContent).trim() : '';
    const entries = [];
    let file = '';
    const rows = [...panel.querySelectorAll('.monaco-list-row')]
      .sort((a, b) => Number(a.getAttribute('data-index')) - Number(b.getAttribute('data-index')));
    for (const row of rows) {
      if (row.querySelector('.marker-message-details, .marker-icon')) {
        const icon = row.querySelector('.marker-icon');
        const cls = icon ? icon.className : '';
        const severity = /error/.test(cls) ? 'error' : /warning/.test(cls) ? 'warning' : /info/.test(cls) ? 'info' : 'hint';
        const msgNode = row.querySelector('.marker-message-details .marker-message, .marker-message') || row.querySelector('.marker-message-details');
        const source = row.querySelector('.marker-source');
        const code = row.querySelector('.marker-code');
        const pos = row.querySelector('.marker-line');
        entries.push({
          file, severity,
          message: norm(msgNode ? msgNode.textContent : row.textContent).trim(),
          source: source ? norm(source.textContent).trim() : '',
          code: code ? norm(code.textContent).trim().replace(/^\(|\)$/g, '') : '',
          position: pos ? norm(pos.textContent).trim() : '',
          aria: row.getAttribute('aria-label') || '',
        });
      } else {
        const name = row.querySelector('.label-name');
        file = name ? norm(name.textContent).trim() : norm(row.getAttribute('aria-label') || '');
      }
    }
    return { visible: true, entries, message };
  }

  function quickInput() {
    const w = [...document.querySelectorAll('.quick-input-widget')].find(visible);
    if (!w) return { visible: false, value: '', rows: [] };
    const input = w.querySelector('.quick-input-box input');
    const rows = [...w.querySelectorAll('.quick-input-list .monaco-list-row')].filter(visible)
      .map((r) => ({ idx: Number(r.getAttribute('data-index')), label: norm((r.querySelector('.label-name') || r).textContent).trim(), aria: r.getAttribute('aria-label') || '', focused: r.classList.contains('focused') }))
      .sort((a, b) => a.idx - b.idx);
    return { visible: true, value: input ? input.value : '', rows };
  }

  /** "Ln 3, Col 12" from the status bar, parsed. */
  function cursor() {
    const item = document.querySelector('#status\\.editor\\.selection');
    const m = item && /Ln\s+(\d+),\s*Col\s+(\d+)/.exec(norm(item.textContent));
    return m ? { line: Number(m[1]), col: Number(m[2]) } : null;
  }

  const tabLabel = (t) => t.getAttribute('data-resource-name') || t.getAttribute('aria-label') ||
    norm((t.querySelector('.monaco-icon-label-container') || t).textContent).trim();

  function activeTab() {
    const g = activeGroup();
    const t = g && g.querySelector('.tab.active');
    if (!t) return null;
    return { label: tabLabel(t), dirty: t.classList.contains('dirty') };
  }

  function tabs() {
    return [...document.querySelectorAll('.part.editor .tabs-container .tab')]
      .map((t) => ({ label: tabLabel(t), dirty: t.classList.contains('dirty') }));
  }

  function explorerRows() {
    const v = [...document.querySelectorAll('.explorer-folders-view')].find(visible);
    if (!v) return null;
    return [...v.querySelectorAll('.monaco-list-row')].map((r) => ({
      label: norm((r.querySelector('.monaco-icon-label-container') || r.querySelector('.label-name') || r).textContent).trim(),
      level: Number(r.getAttribute('aria-level') || '0'),
      expanded: r.getAttribute('aria-expanded'),
      idx: Number(r.getAttribute('data-index')),
    })).sort((a, b) => a.idx - b.idx);
  }

  function dialog() {
    const d = [...document.querySelectorAll('.monaco-dialog-box')].find(visible);
    if (!d) return null;
    return { text: norm(d.innerText).trim(), buttons: [...d.querySelectorAll('.monaco-button')].map((b) => norm(b.textContent).trim()) };
  }

  function notifications() {
    return [...document.querySelectorAll('.notification-toast-container .notification-list-item, .notifications-center .notification-list-item')]
      .filter(visible).map((n) => norm((n.querySelector('.notification-list-item-message') || n).textContent).trim());
  }

  /** Visible notifications (toasts and the notification center) with their buttons. */
  function notificationItems() {
    return [...document.querySelectorAll('.notification-toast-container .notification-list-item, .notifications-center .notification-list-item')]
      .filter(visible).map((n) => ({
        message: norm((n.querySelector('.notification-list-item-message') || n).textContent).trim(),
        buttons: [...n.querySelectorAll('.notification-list-item-buttons-container .monaco-button')].map((b) => norm(b.textContent).trim()),
      }));
  }

  /** The language status entry ("{}" beside the language mode): its accessible label; null when not shown. */
  function languageStatus() {
    const el = document.querySelector('.part.statusbar [id="status.languageStatus"]');
    if (!el || !visible(el)) return null;
    return { aria: norm(el.getAttribute('aria-label') || '') };
  }

  /** The language status hover's items (shown while the entry is hovered): text (label and detail) and command links. */
  function languageStatusItems() {
    return [...document.querySelectorAll('.hover-language-status')].filter(visible).map((e) => ({
      text: norm((e.querySelector('.element .left') || e).textContent).replace(/\s+/g, ' ').trim(),
      commands: [...e.querySelectorAll('.element .right a.monaco-link')].map((a) => norm(a.textContent).trim()),
    }));
  }

  /**
   * The language status entry's hover as the mouse sees it: whether the entry is under the mouse (a status item that
   * appears to its right shifts it away), its items, and the text of any other workbench hover shown instead.
   */
  function languageStatusHover() {
    const el = document.querySelector('.part.statusbar [id="status.languageStatus"]');
    const others = [...document.querySelectorAll('.workbench-hover')].filter((h) => visible(h) && !h.querySelector('.hover-language-status'));
    return {
      hovered: !!el && el.matches(':hover'),
      items: languageStatusItems(),
      otherHover: others.map((h) => norm(h.textContent).replace(/\s+/g, ' ').trim()).join(' | '),
    };
  }

  /** Rows of the Extensions view (e.g. after "Extensions: Show Installed Extensions"). */
  function extensions() {
    return [...document.querySelectorAll('.extensions-viewlet .monaco-list-row[data-extension-id]')].filter(visible).map((r) => ({
      id: r.getAttribute('data-extension-id'),
      name: norm((r.querySelector('.name') || r).textContent).trim(),
      aria: r.getAttribute('aria-label') || '',
    }));
  }

  /** A view (pane) of the side bar by its title ("Claims", or the folder name for the Explorer's files). */
  function viewPane(title) {
    const want = norm(title).trim().toLowerCase();
    return [...document.querySelectorAll('.part.sidebar .pane, .part.auxiliarybar .pane')].find((p) => {
      const t = p.querySelector('.pane-header h3.title');
      return !!t && visible(p) && norm(t.textContent).trim().toLowerCase() === want;
    }) || null;
  }

  /**
   * A side bar view: whether it is expanded, its message (TreeView.message), its welcome content (viewsWelcome)
   * and its rendered tree rows (virtualised: only the rows in view) with label, description, codicon, level,
   * expanded ("true"/"false"/null) and selected.
   */
  function view(title) {
    const pane = viewPane(title);
    if (!pane) return null;
    const header = pane.querySelector('.pane-header');
    const body = pane.querySelector('.pane-body');
    const msg = body && body.querySelector('.message');
    const welcome = body && [...body.querySelectorAll('.welcome-view-content')].find(visible);
    const rows = body ? [...body.querySelectorAll('.monaco-list-row')].filter(visible).map((r) => {
      const iconEl = r.querySelector('.custom-view-tree-node-item-icon');
      const icon = iconEl ? ([...iconEl.classList].find((c) => c.startsWith('codicon-') && c !== 'codicon-colored') || '').replace(/^codicon-/, '') : '';
      return {
        idx: Number(r.getAttribute('data-index')),
        level: Number(r.getAttribute('aria-level') || '0'),
        expanded: r.getAttribute('aria-expanded'),
        selected: r.classList.contains('selected'),
        label: norm((r.querySelector('.label-name') || r).textContent).trim(),
        description: norm((r.querySelector('.label-description') || {}).textContent || '').trim(),
        icon,
      };
    }).sort((a, b) => a.idx - b.idx) : [];
    // the list's scroll position: rows out of view are not rendered, so a caller may have to scroll to reach one
    const list = body && body.querySelector('.monaco-list');
    const rowsEl = list && list.querySelector('.monaco-list-rows');
    const scroll = list && rowsEl
      ? { top: -parseFloat(rowsEl.style.top || '0') || 0, height: parseFloat(rowsEl.style.height || '0') || 0, viewport: list.clientHeight }
      : null;
    return {
      expanded: header ? header.getAttribute('aria-expanded') === 'true' : false,
      scroll,
      message: msg && !msg.classList.contains('hide') && visible(msg) ? norm(msg.textContent).trim() : '',
      welcome: welcome ? norm(welcome.innerText).replace(/\s+/g, ' ').trim() : '',
      rows,
    };
  }

  /** A status bar item by (the end of) its id, e.g. "clinicalCodes.dateOfService": its text and accessible label. */
  function statusItem(idSuffix) {
    const el = [...document.querySelectorAll('.part.statusbar .statusbar-item')].find((e) => e.id === idSuffix || e.id.endsWith('.' + idSuffix));
    if (!el) return null;
    return { id: el.id, visible: visible(el), text: norm(el.textContent).replace(/\s+/g, ' ').trim(), aria: el.getAttribute('aria-label') || '' };
  }

  /**
   * What a failure report needs when only stdout survives (CI): where focus and the mouse are, what is open, what
   * the Explorer, views, status bar and any hover show. Short texts only.
   */
  function workbenchState() {
    const cut = (t, n) => { t = norm(t || '').replace(/\s+/g, ' ').trim(); return t.length > n ? t.slice(0, n) + '…' : t; };
    const describe = (el) => el ? el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
      (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).slice(0, 3).join('.') : '') : null;
    const hovered = [...document.querySelectorAll(':hover')].pop();
    const ed = editorInfo();
    const qi = quickInput();
    return {
      title: document.title,
      focus: describe(document.activeElement),
      mouseOver: hovered ? [hovered.closest('[id]'), hovered].filter(Boolean).map(describe).join(' > ') : null,
      tabs: tabs().map((t) => t.label + (t.dirty ? '*' : '')),
      activeTab: (activeTab() || {}).label || null,
      editorFocused: ed ? ed.focused : null,
      editorLines: lines().slice(0, 6).map((l) => cut(l.text, 80)),
      quickInput: qi.visible ? { value: qi.value, rows: qi.rows.slice(0, 5).map((r) => r.label) } : null,
      dialog: dialog(),
      notifications: notifications().map((n) => cut(n, 160)),
      editorHover: cut(hover().text, 200) || null,
      workbenchHovers: [...document.querySelectorAll('.workbench-hover')].filter(visible).map((h) => cut(h.textContent, 200)),
      explorer: (explorerRows() || []).map((r) => '  '.repeat(Math.max(0, r.level - 1)) + r.label + (r.expanded === 'true' ? '/ (open)' : r.expanded === 'false' ? '/' : '')),
      panes: [...document.querySelectorAll('.part.sidebar .pane')].filter(visible).map((p) => {
        const h = p.querySelector('.pane-header');
        return cut((p.querySelector('.pane-header h3.title') || {}).textContent, 40) + (h && h.getAttribute('aria-expanded') === 'true' ? ' (open)' : '');
      }),
      statusBar: [...document.querySelectorAll('.part.statusbar .statusbar-item')].filter(visible).map((e) => {
        const r = e.getBoundingClientRect();
        return e.id.replace(/^clinical-codes\.clinical-codes\./, '') + '@' + Math.round(r.left) + ': ' + cut(e.textContent, 60);
      }),
      problemsPanel: problems().visible ? problems().entries.slice(0, 8).map((p) => p.severity + ' ' + cut(p.message, 100)) : null,
    };
  }

  window.__e2e = { activeEditor, lines, tokenBox, lineBox, editorInfo, editorText, squiggles, hover, suggest, problems,
    quickInput, cursor, activeTab, tabs, explorerRows, dialog, notifications, notificationItems, extensions, view, statusItem, languageId,
    languageStatus, languageStatusItems, languageStatusHover, workbenchState };
})();
`;
