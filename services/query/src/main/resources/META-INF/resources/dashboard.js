// The leaders' dashboard: plain browser JavaScript against the query API, nothing loaded from elsewhere.
"use strict";

const LIGHTS = { RED: "红灯", YELLOW: "黄灯", GREEN: "绿灯", NONE: "未评" };
const GRADES = { REMINDER: "催办", NOTICE: "督办", SPECIAL: "专题督办", REFERRAL: "提请领导小组" };
const ROLES = { office: "双拥办", leader: "领导小组", unit: "单位" };
const $ = (id) => document.getElementById(id);

let token = sessionStorage.getItem("dual-list-token");
let streamAbort = null;

function claims(jwt) {
  try {
    const part = jwt.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    const json = decodeURIComponent(atob(part).split("").map((c) => "%" + ("00" + c.charCodeAt(0).toString(16)).slice(-2)).join(""));
    return JSON.parse(json);
  } catch (e) {
    return null;
  }
}

function today() {
  // business dates are those of Asia/Shanghai
  return new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai" }).format(new Date());
}

async function api(path, accept) {
  const response = await fetch(path, { headers: { Authorization: "Bearer " + token, Accept: accept || "application/json" } });
  if (response.status === 401) {
    signOut("登录已失效，请重新登录");
    throw new Error("401");
  }
  if (!response.ok) {
    let detail = response.status + "";
    try {
      const problem = await response.json();
      detail = problem.detail || problem.title || detail;
      if (problem.errors) detail += "：" + problem.errors.map((e) => e.field + " " + e.message).join("；");
    } catch (e) { /* not problem+json */ }
    throw new Error(detail);
  }
  return response;
}

function text(value) {
  return value === null || value === undefined ? "" : String(value);
}

function cell(row, value, className) {
  const td = document.createElement("td");
  td.textContent = text(value);
  if (className) td.className = className;
  row.appendChild(td);
  return td;
}

function query() {
  const params = new URLSearchParams();
  params.set("asOf", $("as-of").value || today());
  if ($("year").value) params.set("year", $("year").value);
  if ($("region").value) params.set("region", $("region").value);
  return params;
}

async function load() {
  $("status").textContent = "加载中…";
  try {
    const params = query();
    const [stats, overdue] = await Promise.all([
      api("/api/stats?" + params).then((r) => r.json()),
      api("/api/tasks/overdue?size=200&" + params).then((r) => r.json()),
    ]);
    renderStats(stats);
    renderOverdue(overdue);
    $("status").textContent = "截至 " + stats.asOf + "（" + stats.year + " 年度，地区 " + stats.region + "）";
  } catch (e) {
    $("status").textContent = "加载失败：" + e.message;
  }
}

function renderStats(stats) {
  const overall = stats.overall;
  $("total").textContent = overall.total;
  $("completion-rate").textContent = overall.completionRate + "%";
  $("on-time-rate").textContent = overall.onTimeCompletionRate + "%";
  $("overdue-count").textContent = overall.overdue;

  const lights = $("lights");
  lights.innerHTML = "";
  Object.entries(stats.lights || {}).forEach(([light, count]) => {
    const tr = lights.insertRow();
    cell(tr, LIGHTS[light] || light, "light-" + light);
    cell(tr, count);
  });
  const grades = $("grades");
  grades.innerHTML = "";
  Object.entries(GRADES).forEach(([grade, name]) => {
    const tr = grades.insertRow();
    cell(tr, name);
    cell(tr, (overall.noticesByGrade || {})[grade] || 0);
  });

  const ranking = $("ranking").tBodies[0];
  ranking.innerHTML = "";
  stats.unitRanking.forEach((unit) => {
    const tr = ranking.insertRow();
    cell(tr, unit.rank);
    cell(tr, unit.unit);
    cell(tr, unit.completionRate + "%");
    cell(tr, unit.onTimeCompletionRate + "%");
    cell(tr, unit.overdue, unit.overdue > 0 ? "late" : "");
    cell(tr, unit.averageDaysOverdue);
  });
  const regions = $("regions").tBodies[0];
  regions.innerHTML = "";
  stats.byRegion.forEach((region) => {
    const tr = regions.insertRow();
    cell(tr, region.label || region.key);
    cell(tr, region.total);
    cell(tr, region.completionRate + "%");
    cell(tr, region.onTimeCompletionRate + "%");
    cell(tr, region.overdue, region.overdue > 0 ? "late" : "");
  });
}

function renderOverdue(page) {
  $("overdue-day").textContent = "（" + page.asOf + "，共 " + page.total + " 项）";
  const body = $("overdue").tBodies[0];
  body.innerHTML = "";
  page.items.forEach((task) => {
    const tr = body.insertRow();
    tr.dataset.id = task.id;
    cell(tr, task.title);
    cell(tr, task.responsibleUnit);
    cell(tr, task.deadline);
    cell(tr, task.daysOverdue, "late");
    cell(tr, LIGHTS[task.light] || "", "light-" + task.light);
    cell(tr, task.grade ? GRADES[task.grade] : "");
    const notice = task.lastNotice;
    cell(tr, notice ? notice.gradeName + "（" + notice.issuedOn + "）" + (task.replyLate ? " 整改反馈逾期" : "") : "",
      task.replyLate ? "late" : "");
    tr.addEventListener("click", () => showTimeline(task.id, task.title));
  });
}

async function showTimeline(id, title) {
  $("timeline-title").textContent = title;
  const list = $("timeline");
  list.innerHTML = "<li class='muted'>加载中…</li>";
  $("timeline-panel").hidden = false;
  try {
    const steps = await api("/api/tasks/" + id + "/history").then((r) => r.json());
    list.innerHTML = "";
    steps.forEach((step) => {
      const li = document.createElement("li");
      const when = new Date(step.occurredAt).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai" });
      const details = step.details || {};
      const summary = [details.percent !== undefined ? details.percent + "%" : "", details.narrative, details.reason,
        details.summary, details.response, details.findings, details.deadline ? "完成时限 " + details.deadline : "",
        details.newDeadline ? "新完成时限 " + details.newDeadline : ""].filter(Boolean).join("，");
      li.textContent = when + "　" + step.label + "　" + text(step.actorUnit || step.actorUser) + (summary ? "：" + summary : "");
      list.appendChild(li);
    });
    $("timeline-panel").scrollIntoView({ behavior: "smooth" });
  } catch (e) {
    list.innerHTML = "";
    const li = document.createElement("li");
    li.className = "error";
    li.textContent = "办理记录加载失败：" + e.message;
    list.appendChild(li);
  }
}

async function downloadLedger() {
  $("status").textContent = "正在生成工作台账…";
  try {
    const response = await api("/api/ledger?" + query(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const disposition = response.headers.get("Content-Disposition") || "";
    const match = /filename\*=UTF-8''([^;]+)/.exec(disposition);
    const name = match ? decodeURIComponent(match[1]) : "工作台账.xlsx";
    const blob = await response.blob();
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    $("status").textContent = "已下载 " + name;
  } catch (e) {
    $("status").textContent = "工作台账下载失败：" + e.message;
  }
}

// The notification stream, read with fetch so that the token travels in the Authorization header.
async function listen() {
  if (streamAbort) streamAbort.abort();
  streamAbort = new AbortController();
  try {
    const response = await fetch("/api/notifications/stream", {
      headers: { Authorization: "Bearer " + token, Accept: "text/event-stream" }, signal: streamAbort.signal });
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let end;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = block.split("\n").filter((l) => l.startsWith("data:")).map((l) => l.slice(5).trim()).join("");
        const name = (block.split("\n").find((l) => l.startsWith("event:")) || "").slice(6).trim();
        if (data && name && name !== "ready") notify(JSON.parse(data));
      }
    }
  } catch (e) {
    if (e.name !== "AbortError") setTimeout(listen, 5000);
  }
}

function notify(notification) {
  const feed = $("notifications");
  if (feed.firstElementChild && feed.firstElementChild.classList.contains("muted")) feed.innerHTML = "";
  const li = document.createElement("li");
  const when = new Date(notification.at).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai" });
  li.textContent = when + "　【" + notification.label + "】" + notification.title + "：" + notification.message;
  li.addEventListener("click", () => showTimeline(notification.taskId, notification.title));
  feed.insertBefore(li, feed.firstChild);
}

function signIn(jwt) {
  const payload = claims(jwt.trim());
  if (!payload) {
    $("signin-error").textContent = "令牌格式不正确";
    return;
  }
  token = jwt.trim();
  sessionStorage.setItem("dual-list-token", token);
  show(payload);
}

function show(payload) {
  const role = payload.role || (payload.groups && payload.groups[0]) || "";
  $("who").textContent = (ROLES[role] || role) + "　" + text(payload.unit || payload.upn || payload.sub) + "　地区 " + text(payload.region);
  $("signin").hidden = true;
  $("dashboard").hidden = false;
  $("as-of").value = today();
  $("year").value = today().slice(0, 4);
  $("region").value = payload.region || "";
  load();
  listen();
}

function signOut(message) {
  token = null;
  sessionStorage.removeItem("dual-list-token");
  if (streamAbort) streamAbort.abort();
  $("dashboard").hidden = true;
  $("signin").hidden = false;
  $("who").textContent = "";
  $("signin-error").textContent = message || "";
}

async function offerDemoUsers() {
  try {
    const response = await fetch("/local/demo-users");
    if (!response.ok) return;
    const users = await response.json();
    const list = $("demo-user-list");
    users.forEach((user) => {
      const li = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = user.label;
      button.addEventListener("click", () => signIn(user.token));
      li.appendChild(button);
      list.appendChild(li);
    });
    $("demo-users").hidden = users.length === 0;
  } catch (e) { /* not the local stack */ }
}

$("signin-button").addEventListener("click", () => signIn($("token").value));
$("refresh").addEventListener("click", load);
$("as-of").addEventListener("change", load);
$("ledger").addEventListener("click", downloadLedger);
$("signout").addEventListener("click", () => signOut());
$("timeline-close").addEventListener("click", () => { $("timeline-panel").hidden = true; });

offerDemoUsers();
if (token && claims(token)) show(claims(token));
