/**
 * What a reader sees, taken from the tree WeChat's own WXML compiler renders: `wcc` (npm package
 * `miniprogram-compiler`) compiles the dist's WXML + WXS into `$gwx`; a page's data goes in, the view
 * layer's element tree comes out, with Taro's `comp` / `custom-wrapper` components rendered in place.
 * See wxml/compile.ts (wcc and the vm context), wxml/render.ts (pages and components) and
 * wxml/query.ts (text, classes, attributes, shape).
 */
export { compileDist, wccArgs, wccBinary, wxmlRuntime } from './wxml/compile'
export { componentsOf, renderPage, type RenderOptions, type WxElement, type WxNode } from './wxml/render'
export {
  attr,
  classesOfElement,
  elementStats,
  findAllElements,
  findByClass,
  findByTag,
  findOneByClass,
  isElement,
  visibleText,
  walkElements,
  type ElementStats,
} from './wxml/query'
