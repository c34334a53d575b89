import { Text, View } from '@tarojs/components'

import type { Mark, SearchHit } from '@/content/search/engine'
import { GROUP_LABELS, text } from '@/i18n'
import { searchText } from '@/i18n/search'

import './index.scss'

/** Text with its matches in bold. Plain pieces stay bare text: on the search page every node is sent. */
export function Marks({ marks }: { marks: readonly Mark[] }) {
  return (
    <>
      {marks.map((m, i) =>
        m.hit ? (
          <Text key={i} className="hl">
            {m.text}
          </Text>
        ) : (
          m.text
        ),
      )}
    </>
  )
}

type Props = { hit: SearchHit; onOpen: (hit: SearchHit) => void }

/**
 * One installment that matched: number, group and how many matches; the title, people and tags with
 * their matches in bold; and the body passage that matched best. Class names are short for the same
 * reason as the list card's (sr result · sr-n number · sr-t title · sr-w who · sr-g tags · sr-s passage).
 */
export function SearchResult({ hit, onOpen }: Props) {
  const { entry } = hit
  const kicker = `${text.installmentNumber(entry.number, entry.sample)} · ${GROUP_LABELS[entry.interviewee.group]}`
  return (
    <View className="sr" ariaRole="link" onClick={() => onOpen(hit)}>
      <View className="sr-n">
        {kicker}
        <Text className="sr-c">{searchText.matchCount(hit.hits)}</Text>
      </View>
      <View className="sr-t">
        <Marks marks={hit.title} />
      </View>
      <View className="sr-w">
        <Marks marks={hit.people} />
      </View>
      {hit.tags ? (
        <View className="sr-g">
          <Marks marks={hit.tags} />
        </View>
      ) : null}
      {hit.snippet ? (
        <View className="sr-s">
          <Marks marks={hit.snippet} />
        </View>
      ) : null}
    </View>
  )
}
