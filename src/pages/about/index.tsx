import { View } from '@tarojs/components'

import { Blocks } from '@/components/Blocks'
import { FollowAccount } from '@/components/FollowAccount'
import { StateView } from '@/components/StateView'
import { useOfferUpdateOnShow } from '@/app/lifecycle'
import { mediaResolver } from '@/app/media'
import { useCatalog } from '@/app/root'
import { followAccountAndTell } from '@/app/actions'
import { text } from '@/i18n/zh'

import './index.scss'

function hostOf(base: string): string {
  // A relative base (the editors' preview, content beside the app) names no host: its path says where.
  return base.replace(/^https:\/\//, '').split('/')[0] || base
}

export default function AboutPage() {
  useOfferUpdateOnShow()
  const catalog = useCatalog()
  if (catalog.status !== 'ready')
    return <StateView kind="error" title={text.errorTitle} body={text.errorBody} />
  const { manifest, source } = catalog
  const account = manifest.series.officialAccount
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
      <View className="about__title">{manifest.series.title}</View>
      <View className="about__tagline">{manifest.series.tagline}</View>
      <View className="about__intro">
        {/* About is in the main package: the package's pictures ride with the reader, so it shows hosted ones. */}
        <Blocks blocks={manifest.series.intro} resolveSrc={mediaResolver(source, manifest.series, false)} />
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
