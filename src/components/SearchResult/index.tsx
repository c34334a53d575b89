import { Text, View } from '@tarojs/components'

import { langAttr } from '@/components/Blocks'
import { peopleLineEn, type Mark, type SearchHit } from '@/content/search/engine'
import { currentLanguage, GROUP_ONE, text } from '@/i18n'
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

const unmarked = (value: string): Mark[] => [{ text: value, hit: false }]

/**
 * The title and people as the interface's language shows them: in English, the English where the
 * entry has it (with its matches); in Chinese, the Chinese, and beneath it the English where a word
 * matched only there, so the reader sees why the installment was found.
 */
function fieldsOf(hit: SearchHit) {
  const en = hit.entry.en
  const peopleEn = peopleLineEn(en)
  if (currentLanguage() === 'en')
    return {
      title: hit.titleEn ?? (en?.title ? unmarked(en.title) : hit.title),
      people: hit.peopleEn ?? (peopleEn ? unmarked(peopleEn) : hit.people),
      tags: hit.tagsEn ?? hit.tags,
      also: null,
    }
  const matchedOnlyInEnglish = (zh: readonly Mark[], english: Mark[] | null) =>
    english && !zh.some((m) => m.hit) ? english : null
  return {
    title: hit.title,
    people: hit.people,
    tags: hit.tags ?? hit.tagsEn,
    also: matchedOnlyInEnglish(hit.title, hit.titleEn) ?? matchedOnlyInEnglish(hit.people, hit.peopleEn),
  }
}

/**
 * One installment that matched: number, group and how many matches; the title, people and tags with
 * their matches in bold; and the body passage that matched best. Class names are short for the same
 * reason as the list card's (sr result · sr-n number · sr-t title · sr-w who · sr-g tags · sr-s passage).
 */
export function SearchResult({ hit, onOpen }: Props) {
  const { entry } = hit
  const { title, people, tags, also } = fieldsOf(hit)
  const kicker = `${text.installmentNumber(entry.number, entry.sample)} · ${GROUP_ONE[entry.interviewee.group]}`
  return (
    <View className="sr" ariaRole="link" onClick={() => onOpen(hit)}>
      <View className="sr-n">
        {kicker}
        <Text className="sr-c">{searchText.matchCount(hit.hits)}</Text>
      </View>
      <View className="sr-t">
        <Marks marks={title} />
      </View>
      {also ? (
        <View className="sr-e" {...langAttr('en')}>
          <Marks marks={also} />
        </View>
      ) : null}
      <View className="sr-w">
        <Marks marks={people} />
      </View>
      {tags ? (
        <View className="sr-g">
          <Marks marks={tags} />
        </View>
      ) : null}
      {hit.snippet ? (
        <View className="sr-s" {...langAttr(hit.snippetLang ?? 'zh')}>
          <Marks marks={hit.snippet} />
        </View>
      ) : null}
    </View>
  )
}
