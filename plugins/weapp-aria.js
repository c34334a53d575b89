/**
 * Taro plugin: lets WeChat's base templates carry the aria-* attributes that screen readers use.
 *
 * Taro 4.2.1's weapp templates render only the attributes listed for each component, and
 * `aria-role` / `aria-label` are not among them: `ariaLabel` on a View reached setData but never
 * the WXML. We add them to the components we label, the same way the weapp platform itself
 * adjusts component attributes (Template#mergeComponents).
 */
const { Weapp } = require('@tarojs/plugin-platform-weapp')

// The runtime merges the same list (src/platform/aria.ts): Taro numbers attributes p0, p1, … in
// sorted order, so the templates and the runtime must agree on every component's attributes.
const PATCH = require('../src/platform/aria-components.json')

module.exports = function weappAria(ctx) {
  const original = Weapp.prototype.modifyTemplate
  if (original.ariaPatched) return
  function modifyTemplate(pluginOptions) {
    original.call(this, pluginOptions)
    this.template.mergeComponents(ctx, JSON.parse(JSON.stringify(PATCH)))
  }
  modifyTemplate.ariaPatched = true
  Weapp.prototype.modifyTemplate = modifyTemplate
}
