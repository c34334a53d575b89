/**
 * The editors' preview marks what an importer left to fill in: the word TODO and the rest of its
 * sentence or line, as runs of the text (src/content/todo.ts).
 */
import { todoRuns, type TodoRun } from '@/content/todo'

const plain = (text: string): TodoRun => ({ text, todo: false })
const todo = (text: string): TodoRun => ({ text, todo: true })

describe('todoRuns: a text as runs, marker or not', () => {
  test.each<[string, string, TodoRun[]]>([
    ['no marker: the text as one run', '稀土永磁的故事', [plain('稀土永磁的故事')]],
    ['empty text', '', [plain('')]],
    ['the marker alone', 'TODO', [todo('TODO')]],
    ['to the end of the text', '受访者：TODO 补上职务', [plain('受访者：'), todo('TODO 补上职务')]],
    ['through a Chinese full stop', 'TODO：核实年份。他说，', [todo('TODO：核实年份。'), plain('他说，')]],
    ['through ！ and ？', '甲TODO 真的吗？乙', [plain('甲'), todo('TODO 真的吗？'), plain('乙')]],
    [
      'through a full stop before a space',
      'TODO check the date. Then',
      [todo('TODO check the date.'), plain(' Then')],
    ],
    ['a full stop inside a number does not end it', 'TODO 3.5 吨？对', [todo('TODO 3.5 吨？'), plain('对')]],
    ['a full stop ending the text', 'Note: TODO cite.', [plain('Note: '), todo('TODO cite.')]],
    ['up to the end of its line, not past it', 'TODO 配图\n下一行', [todo('TODO 配图'), plain('\n下一行')]],
    ['two markers', 'TODO 一。中TODO 二', [todo('TODO 一。'), plain('中'), todo('TODO 二')]],
    ['lower case is text', 'todo 与 Todo', [plain('todo 与 Todo')]],
    ['part of a longer word is text', 'TODOS and MASTODON', [plain('TODOS and MASTODON')]],
    ['after a CJK character or a bracket', '（TODO 核实）', [plain('（'), todo('TODO 核实）')]],
  ])('%s', (_name, text, runs) => {
    expect(todoRuns(text)).toEqual(runs)
    expect(
      todoRuns(text)
        .map((r) => r.text)
        .join(''),
    ).toBe(text)
  })
})
