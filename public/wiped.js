// The words of wiped.html, in the app's two languages (zh-CN the source), and the notice the sync engine left
// (src/sync/tabletReport.ts, WIPE_NOTICE_KEY): staff name and times only, never customer data.
;(function () {
  var WORDS = {
    'zh-CN': {
      title: '这台平板的数据已清除',
      by: '{name}于 {at} 撤销了这台平板的使用权限，并要求清除平板上的数据。',
      byUnknown: '管理员于 {at} 撤销了这台平板的使用权限，并要求清除平板上的数据。',
      done: '平板上尚未上传的投诉记录已先上传到中心，随后本机的投诉、草稿和员工 PIN 已于 {at} 全部删除。已上传的投诉仍完整保存在中心。',
      undelivered: '其中有 {n} 条记录中心未能接收，已随平板数据一并删除，请联系管理员核实。',
      next: '如需继续使用这台平板，请由本网点员工联网重新启用。',
      enrol: '重新启用这台平板',
      none: '这台平板上没有数据。',
    },
    en: {
      title: 'This tablet’s data has been erased',
      by: '{name} (administrator) revoked this tablet at {at} and asked for its data to be erased.',
      byUnknown: 'An administrator revoked this tablet at {at} and asked for its data to be erased.',
      done: 'The complaint records it had not yet sent went to the centre first; then its complaints, drafts and staff PINs were deleted at {at}. Everything sent is kept in full at the centre.',
      undelivered: '{n} of its records could not be accepted by the centre and were deleted with the rest: please check with the administrator.',
      next: 'To use this tablet again, a staff member of the branch must enrol it again while online.',
      enrol: 'Enrol this tablet again',
      none: 'This tablet holds no data.',
    },
  }
  var KEY = 'complaint-desk.wiped'
  var locale = localStorage.getItem('complaint-desk.locale') === 'en' ? 'en' : 'zh-CN'
  var w = WORDS[locale]
  var notice
  try { notice = JSON.parse(localStorage.getItem(KEY) || 'null') } catch { notice = null }
  var at = function (iso) {
    if (!iso) return '—'
    return new Intl.DateTimeFormat(locale, { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(iso))
  }
  var fill = function (text, values) { return text.replace(/\{(\w+)\}/g, function (_, k) { return String(values[k]) }) }
  var set = function (id, text) { document.getElementById(id).textContent = text }
  document.documentElement.lang = locale
  set('title', w.title)
  set('enrol', w.enrol)
  if (notice) {
    set('by', notice.revokedBy ? fill(w.by, { name: notice.revokedBy, at: at(notice.revokedAt) }) : fill(w.byUnknown, { at: at(notice.revokedAt) }))
    set('done', fill(w.done, { at: at(notice.erasedAt) }))
    if (notice.undelivered > 0) {
      set('undelivered', fill(w.undelivered, { n: notice.undelivered }))
      document.getElementById('undelivered').hidden = false
    }
  } else {
    set('done', w.none)
  }
  set('next', w.next)
  // Enrolling again: the notice has been read.
  document.getElementById('enrol').addEventListener('click', function () { localStorage.removeItem(KEY) })
})()
