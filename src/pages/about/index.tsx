import { View } from '@tarojs/components'

import { Blocks } from '@/components/Blocks'
import { Choice, type Option } from '@/components/Choice'
import { FollowAccount } from '@/components/FollowAccount'
import { StateView } from '@/components/StateView'
import { useOfferUpdateOnShow } from '@/app/lifecycle'
import { mediaResolver } from '@/app/media'
import { useCatalog } from '@/app/root'
import { followAccountAndTell } from '@/app/actions'
import { chooseLanguage, languageChoice, usePageLanguage } from '@/app/language'
import { seriesIn } from '@/content/english'
import { currentLanguage, text } from '@/i18n'
import type { LanguageChoice } from '@/i18n/language'
import { toast } from '@/platform/interaction'
import { IN_BROWSER } from '@/platform/system'

import './index.scss'

function hostOf(base: string): string {
  // A relative base (the editors' preview, content beside the app) names no host: its path says where.
  return base.replace(/^https:\/\//, '').split('/')[0] || base
}

function languageOptions(): Option<LanguageChoice>[] {
  return [
    { value: 'zh', label: text.languageZh, lang: 'zh-CN' },
    { value: 'en', label: text.languageEn, lang: 'en' },
    { value: 'system', label: IN_BROWSER ? text.languageSystemBrowser : text.languageSystem },
  ]
}

/** 中文 / English / as WeChat: remembered as the reader's own, and every page says it at once. */
function LanguageChoiceRow() {
  return (
    <>
      <View className="about__section">{text.language}</View>
      <Choice
        label={text.language}
        options={languageOptions()}
        value={languageChoice()}
        onChange={(choice) => {
          if (!chooseLanguage(choice)) toast(text.languageNotSaved)
        }}
      />
    </>
  )
}

export default function AboutPage() {
  useOfferUpdateOnShow()
  usePageLanguage(() => text.about)
  const catalog = useCatalog()
  if (catalog.status !== 'ready')
    return <StateView kind="error" title={text.errorTitle} body={text.errorBody} />
  const { manifest, source } = catalog
  const series = seriesIn(manifest.series, currentLanguage())
  const account = series.officialAccount
  const rows: Array<[string, string]> = [
    [text.contentVersion, manifest.contentVersion],
    [
      text.contentSource,
      source.kind === 'bundled' ? text.sourceBundled : text.sourceRemote(hostOf(source.base)),
    ],
    [text.installments, String(catalog.partial?.total ?? manifest.installments.length)],
  ]
  return (
    <View className="about">
      <View className="about__title">{series.title}</View>
      <View className="about__tagline">{series.tagline}</View>
      <View className="about__intro">
        {/* About is in the main package: the package's pictures ride with the reader, so it shows hosted ones. */}
        <Blocks
          blocks={series.intro}
          lang={series.intro === manifest.series.intro ? 'zh' : 'en'}
          resolveSrc={mediaResolver(source, series, false)}
        />
      </View>

      {account ? (
        <>
          <View className="about__section">{text.officialAccount}</View>
          <View className="about__account">
            <View className="about__account-name">{account.name}</View>
            <FollowAccount account={account} onFollow={(a) => void followAccountAndTell(a)} />
          </View>
        </>
      ) : null}

      <LanguageChoiceRow />

      <View className="about__section">{text.contentInfo}</View>
      <View className="about__table">
        {rows.map(([label, value]) => (
          <View key={label} className="about__row">
            <View className="about__label">{label}</View>
            <View className="about__value">{value}</View>
          </View>
        ))}
      </View>

      <View className="about__section">{text.whatIsSample}</View>
      <View className="about__note">{text.sampleExplained}</View>
    </View>
  )
}
