import { Text } from '@tarojs/components'
import { Fragment, type CSSProperties, type ReactNode } from 'react'

import { todoRuns } from '@/content/todo'

/**
 * Styled inline, not in a stylesheet: the style then exists only where the preview build renders a
 * marker. Dark text on yellow (contrast about 15:1) reads the same in light and dark mode.
 */
const TODO_STYLE: CSSProperties = {
  backgroundColor: '#ffe066',
  color: '#1a1a1a',
  borderRadius: '2px',
  boxShadow: '0 0 0 1px #c9a400',
}

/**
 * Text with the TODO markers an importer left wrapped in `.todo`, in the editors' preview build only
 * (see src/content/todo.ts for what a marker spans). Every other build gets the text as it is: the
 * check is a literal there, so the splitting is not even in its bundle.
 */
export function withTodos(value: string): ReactNode {
  if (!process.env.TARO_APP_PREVIEW || !value.includes('TODO')) return value
  return todoRuns(value).map((run, i) =>
    run.todo ? (
      <Text key={i} className="todo" style={TODO_STYLE}>
        {run.text}
      </Text>
    ) : (
      run.text
    ),
  )
}

/**
 * Parts shown as one text, joined by `separator` (as a card joins name and role): outside the preview
 * the one joined string as before; in it, each part's markers end with the part.
 */
export function joinWithTodos(parts: readonly string[], separator: string): ReactNode {
  const joined = parts.join(separator)
  if (!process.env.TARO_APP_PREVIEW || !joined.includes('TODO')) return joined
  return parts.map((part, i) => (
    <Fragment key={i}>
      {i > 0 ? separator : null}
      {withTodos(part)}
    </Fragment>
  ))
}
