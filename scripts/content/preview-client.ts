/**
 * The script the preview server adds to the app's page: it hears of every build, tells the app when
 * the edition changed (the app refreshes in place: `lre-preview`, handled by the preview build only),
 * and lists a bad save's problems over the page — the same `file:line: message` the CLI prints — until
 * a good save clears them. Plain ES5, served as it is.
 */
export const PREVIEW_CLIENT = `(function () {
  var OVERLAY = 'lre-preview-problems'
  var shown = null
  function clear() {
    var old = document.getElementById(OVERLAY)
    if (old) old.parentNode.removeChild(old)
  }
  function show(problems) {
    clear()
    var box = document.createElement('div')
    box.id = OVERLAY
    box.setAttribute('role', 'alert')
    box.setAttribute('style', [
      'position:fixed', 'left:0', 'right:0', 'bottom:0', 'max-height:45vh', 'overflow:auto',
      'z-index:2147483647', 'margin:0', 'padding:12px 14px', 'background:#7f1d1d', 'color:#fff',
      'font:13px/1.5 ui-monospace,Menlo,Consolas,monospace', 'box-shadow:0 -2px 12px rgba(0,0,0,.3)'
    ].join(';'))
    var title = document.createElement('strong')
    title.textContent = problems.length + ' problem(s): the preview shows the last good edition'
    box.appendChild(title)
    var list = document.createElement('ol')
    list.setAttribute('style', 'margin:6px 0 0;padding-left:22px')
    for (var i = 0; i < problems.length; i++) {
      var item = document.createElement('li')
      item.textContent = problems[i]
      list.appendChild(item)
    }
    box.appendChild(list)
    document.body.appendChild(box)
  }
  var events = new EventSource('/__preview/events')
  events.onmessage = function (message) {
    var state = JSON.parse(message.data)
    if (state.problems.length) show(state.problems)
    else clear()
    if (shown !== null && state.contentVersion !== shown) window.dispatchEvent(new CustomEvent('lre-preview'))
    shown = state.contentVersion
  }
})()
`
