/*
 * Clinic chat widget: a small, dependency-free UI on socket.io-client that
 * talks to Rasa's socket.io channel (events session_request/session_confirm,
 * user_uttered, bot_uttered).
 *
 * Rules this file keeps:
 * - Text from the patient or the bot only ever reaches the page through
 *   textContent / text nodes; links are built with createElement and only for
 *   http(s) URLs. Nothing here assigns HTML strings.
 * - The conversation survives a reload: the server issues a signed session
 *   token (bot/channels/sessions.py), kept in sessionStorage (this tab only,
 *   gone when it closes), never the transcript; the token is sent in
 *   session_request and the server answers with the conversation so far.
 * - On the first open of a new session "/session_start" is sent (and not
 *   shown) so the assistant's not-a-doctor notice is the first message.
 */
(function () {
  "use strict";

  var config = window.CLINIC_CHAT_CONFIG || {};
  var KEY = "clinicChat.v1";
  var MAX_MESSAGES = 200;
  var URL_RE = /\bhttps?:\/\/[^\s<>"']+/gi;

  // ---- storage: the session token and whether the panel is open, in
  // sessionStorage (memory when unavailable); messages live in memory only.
  var memory = {};
  function load() {
    var raw = null;
    try { raw = window.sessionStorage.getItem(KEY); } catch (e) { raw = memory[KEY] || null; }
    try { window.localStorage.removeItem(KEY); } catch (e) { /* an older widget's transcript: gone */ }
    var state = { sessionId: null, started: false, open: false, messages: [] };
    try {
      var stored = JSON.parse(raw || "null");
      if (stored && typeof stored === "object") {
        state.sessionId = typeof stored.sessionId === "string" ? stored.sessionId : null;
        state.open = stored.open === true;
      }
    } catch (e) { /* corrupt: start again */ }
    return state;
  }
  function save() {
    state.messages = state.messages.slice(-MAX_MESSAGES);
    var raw = JSON.stringify({ sessionId: state.sessionId, open: state.open });
    try { window.sessionStorage.setItem(KEY, raw); } catch (e) { memory[KEY] = raw; }
  }
  var state = load();

  // ---- DOM helpers: elements and text only ----
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (name === "text") { node.textContent = attrs[name]; } else { node.setAttribute(name, attrs[name]); }
    });
    (children || []).forEach(function (child) { node.appendChild(child); });
    return node;
  }

  function safeUrl(candidate) {
    try {
      var url = new URL(candidate);
      return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
    } catch (e) { return null; }
  }

  // Text with its http(s) URLs turned into links, as DOM nodes.
  function richText(text) {
    var fragment = document.createDocumentFragment();
    var last = 0;
    String(text).replace(URL_RE, function (match, offset) {
      var url = match.replace(/[.,;:!?)\]}'"]+$/, "");
      var href = safeUrl(url);
      if (!href) { return match; }
      fragment.appendChild(document.createTextNode(text.slice(last, offset)));
      fragment.appendChild(el("a", { href: href, target: "_blank", rel: "noopener noreferrer", text: url }));
      last = offset + url.length;
      return match;
    });
    fragment.appendChild(document.createTextNode(String(text).slice(last)));
    return fragment;
  }

  // A speech-bubble icon (SVG built node by node; no emoji font needed).
  function chatIcon() {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("class", "cc-toggle-icon");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    var path = document.createElementNS(ns, "path");
    path.setAttribute("d", "M4 4h16a2 2 0 0 1 2 2v9a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z");
    path.setAttribute("fill", "currentColor");
    svg.appendChild(path);
    return svg;
  }

  // ---- the widget's markup ----
  var root = el("div", { "class": "cc-root" });
  var toggle = el("button", {
    type: "button", "class": "cc-toggle", "aria-label": "Open chat with the clinic assistant",
    "aria-expanded": "false", "aria-controls": "cc-panel"
  }, [chatIcon(), el("span", { "class": "cc-toggle-text", text: "Chat" })]);
  var title = el("h2", { id: "cc-title", "class": "cc-title", text: "Clinic assistant" });
  var clearButton = el("button", {
    type: "button", "class": "cc-icon-button cc-clear",
    "aria-label": "Start a new conversation (clears this chat from this browser)",
    title: "New conversation", text: "New"
  });
  var closeButton = el("button", {
    type: "button", "class": "cc-icon-button cc-close", "aria-label": "Close chat",
    title: "Close (Esc)", text: "\u00D7"
  });
  var log = el("div", {
    "class": "cc-log", role: "log", "aria-live": "polite", "aria-relevant": "additions",
    "aria-label": "Conversation with the clinic assistant", tabindex: "0"
  });
  var status = el("p", { "class": "cc-status", role: "status", "aria-live": "polite" });
  var input = el("input", {
    type: "text", "class": "cc-input", "aria-label": "Type your message",
    placeholder: "Type your question\u2026", autocomplete: "off", maxlength: "1000"
  });
  var send = el("button", { type: "submit", "class": "cc-send", "aria-label": "Send message", text: "Send" });
  var form = el("form", { "class": "cc-form" }, [input, send]);
  var panel = el("section", {
    id: "cc-panel", "class": "cc-panel", role: "dialog", "aria-modal": "false",
    "aria-labelledby": "cc-title", hidden: "hidden"
  }, [el("header", { "class": "cc-header" }, [title, clearButton, closeButton]), log, status, form]);
  root.appendChild(panel);
  root.appendChild(toggle);

  // ---- rendering ----
  function scrollDown() { log.scrollTop = log.scrollHeight; }

  function renderMessage(message, index) {
    var bubble = el("div", { "class": "cc-msg cc-" + (message.from === "user" ? "user" : "bot") });
    bubble.appendChild(el("span", { "class": "cc-visually-hidden", text: message.from === "user" ? "You: " : "Assistant: " }));
    var body = el("p", { "class": "cc-text" });
    if (message.from === "bot") { body.appendChild(richText(message.text || "")); } else { body.textContent = message.text || ""; }
    bubble.appendChild(body);
    var buttons = message.buttons || [];
    if (buttons.length) {
      var group = el("div", { "class": "cc-buttons", role: "group", "aria-label": "Suggested replies" });
      buttons.forEach(function (button) {
        var b = el("button", { type: "button", "class": "cc-quick", text: button.title });
        if (message.used) { b.disabled = true; }
        b.addEventListener("click", function () {
          if (message.used) { return; }
          markButtonsUsed();
          sendToBot(button.payload, button.title);
        });
        group.appendChild(b);
      });
      bubble.appendChild(group);
    }
    bubble.setAttribute("data-index", String(index));
    return bubble;
  }

  function renderAll() {
    while (log.firstChild) { log.removeChild(log.firstChild); }
    state.messages.forEach(function (m, i) { log.appendChild(renderMessage(m, i)); });
    scrollDown();
  }

  function addMessage(message) {
    state.messages.push(message);
    if (state.messages.length > MAX_MESSAGES) {
      state.messages = state.messages.slice(-MAX_MESSAGES);
      save();
      renderAll();
      return;
    }
    save();
    log.appendChild(renderMessage(message, state.messages.length - 1));
    if (message.from === "bot") { showReply(); } else { scrollDown(); }
  }

  // A long answer is shown from its start (not its end), so on a phone the
  // patient reads down instead of scrolling back up to find the beginning.
  function showReply() {
    var users = log.querySelectorAll(".cc-user");
    var lastUser = users.length ? users[users.length - 1] : null;
    var first = lastUser && lastUser.nextElementSibling ? lastUser.nextElementSibling : log.lastElementChild;
    if (first && log.scrollHeight - first.offsetTop > log.clientHeight) {
      log.scrollTop = first.offsetTop - 8;
    } else {
      scrollDown();
    }
  }

  // Quick replies answer the message they came with: once the patient moves
  // on, the old buttons are disabled (kept visible for the record).
  function markButtonsUsed() {
    var changed = false;
    state.messages.forEach(function (m) { if (m.buttons && m.buttons.length && !m.used) { m.used = true; changed = true; } });
    if (!changed) { return; }
    save();
    Array.prototype.forEach.call(log.querySelectorAll(".cc-quick"), function (b) { b.disabled = true; });
  }

  function setStatus(text) { status.textContent = text || ""; }

  // ---- socket ----
  var socket = null;
  var confirmed = false;
  var queue = [];
  var waitTimer = null;

  function connect() {
    if (socket) { return; }
    if (typeof window.io !== "function" || !config.socketUrl) {
      setStatus("The chat is unavailable right now. Please call the clinic.");
      return;
    }
    setStatus("Connecting\u2026");
    socket = window.io(config.socketUrl, {
      path: config.socketPath || "/socket.io/",
      // HTTP long-polling only: with Rasa 3.6 (Sanic 21.12) and
      // python-engineio 4.x the WebSocket transport is closed by the server
      // right after its open packet (see docs/widget.md).
      transports: ["polling"],
      upgrade: false,
      reconnectionDelayMax: 10000
    });
    socket.on("connect", function () {
      confirmed = false;
      socket.emit("session_request", { session_id: state.sessionId });
    });
    socket.on("session_confirm", function (data) {
      var id = typeof data === "string" ? data : data && data.session_id;
      if (typeof id !== "string" || !id) { return; }
      if (state.sessionId !== id) { state.sessionId = id; save(); }
      var history = data && Array.isArray(data.history) ? data.history : [];
      confirmed = true;
      setStatus("");
      if (history.length && !state.messages.length) {
        // A reload: the conversation so far, from the server.
        state.messages = history.filter(function (m) {
          return m && (m.from === "user" || m.from === "bot") && typeof m.text === "string";
        }).map(function (m, i, all) {
          var buttons = (Array.isArray(m.buttons) ? m.buttons : []).filter(function (b) {
            return b && typeof b.title === "string" && typeof b.payload === "string";
          });
          return { from: m.from, text: m.text, buttons: buttons, used: i < all.length - 1 && buttons.length > 0 };
        });
        renderAll();
      }
      if (!state.started && !history.length) {
        emitMessage("/session_start");
      }
      state.started = true;
      while (queue.length) { emitMessage(queue.shift()); }
    });
    socket.on("bot_uttered", function (data) {
      if (!data || typeof data !== "object") { return; }
      stopWaiting();
      var buttons = (data.quick_replies || data.buttons || []).filter(function (b) {
        return b && typeof b.title === "string" && typeof b.payload === "string";
      }).map(function (b) { return { title: b.title, payload: b.payload }; });
      var text = typeof data.text === "string" ? data.text : "";
      var image = data.attachment && data.attachment.payload && safeUrl(data.attachment.payload.src || "");
      if (image) { text = (text ? text + "\n" : "") + image; }
      if (!text && !buttons.length) { return; }
      addMessage({ from: "bot", text: text, buttons: buttons });
    });
    socket.on("disconnect", function () { confirmed = false; setStatus("Reconnecting\u2026"); });
    socket.on("connect_error", function () { setStatus("Can't reach the assistant. Retrying\u2026"); });
  }

  function emitMessage(text) {
    socket.emit("user_uttered", { message: text });
  }

  function startWaiting() {
    stopWaiting();
    log.setAttribute("aria-busy", "true");
    root.classList.add("cc-waiting");
    waitTimer = window.setTimeout(stopWaiting, 30000);
  }
  function stopWaiting() {
    if (waitTimer) { window.clearTimeout(waitTimer); waitTimer = null; }
    log.removeAttribute("aria-busy");
    root.classList.remove("cc-waiting");
  }

  // Sends `payload` to Rasa and shows `shown` as the patient's message.
  function sendToBot(payload, shown) {
    addMessage({ from: "user", text: shown });
    startWaiting();
    connect();
    if (confirmed) { emitMessage(payload); } else { queue.push(payload); }
  }

  // ---- open / close, keyboard ----
  function setOpen(open, focusTarget) {
    panel.hidden = !open;
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    toggle.setAttribute("aria-label", open ? "Close chat with the clinic assistant" : "Open chat with the clinic assistant");
    root.classList.toggle("cc-open", open);
    if (open !== state.open) { state.open = open; save(); }
    if (open) {
      connect();
      scrollDown();
      if (focusTarget !== false) { input.focus(); }
    } else if (focusTarget !== false) {
      toggle.focus();
    }
  }

  toggle.addEventListener("click", function () { setOpen(panel.hidden); });
  closeButton.addEventListener("click", function () { setOpen(false); });
  clearButton.addEventListener("click", function () {
    state = { sessionId: null, started: false, open: true, messages: [] };
    save();
    renderAll();
    if (socket) { socket.disconnect(); socket = null; }
    confirmed = false;
    queue = [];
    connect();
    input.focus();
  });
  panel.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { event.preventDefault(); setOpen(false); }
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) { return; }
    input.value = "";
    markButtonsUsed();
    sendToBot(text, text);
  });

  function mount() {
    document.body.appendChild(root);
    renderAll();
    if (state.open) { setOpen(true, false); }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", mount); } else { mount(); }
})();
