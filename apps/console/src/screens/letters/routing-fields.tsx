import { Alert, MultiSelect, NumberInput, Radio, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FOCUS_AREAS, ROUTING_MODES, TARGET_KINDS } from './letter-queries';
import type { RoutingValues } from './routing-values';
import { MAX_LISTED_TARGETS, MAX_TARGETS_PER_LETTER } from './routing-values';
import { useTargetChoices } from './target-choices';

/**
 * Who a letter goes to: the mode (each explained in one sentence) and the fields that mode reads; the fallback and the
 * most letters per supporter apply to every mode. Used by the new-action form and the action's Routing tab.
 */
export function RoutingFields<V extends { routing: RoutingValues }>({
  org,
  form,
  disabled = false,
}: {
  org: string;
  form: UseFormReturnType<V>;
  disabled?: boolean;
}): ReactNode {
  const { t } = useTranslation();
  const routing = form.getValues().routing;
  const listed = useTargetChoices(org);
  const fallback = useTargetChoices(org);
  const mode = routing.mode;
  const count = { min: 1, max: MAX_TARGETS_PER_LETTER, allowDecimal: false, disabled };

  return (
    <Stack gap="md">
      <Radio.Group label={t('letters.routing.mode')} required {...form.getInputProps('routing.mode')}>
        <Stack gap="xs" mt="xs">
          {ROUTING_MODES.map((m) => (
            <Radio
              key={m}
              value={m}
              label={t(`letters.routing.modes.${m}.label`)}
              description={t(`letters.routing.modes.${m}.hint`)}
              disabled={disabled}
            />
          ))}
        </Stack>
      </Radio.Group>

      {listed.error ? <Alert color="red">{t('letters.routing.targetsFailed')}</Alert> : null}
      {(mode === 'pick' || mode === 'sample') && (
        <MultiSelect
          label={mode === 'pick' ? t('letters.routing.pickList') : t('letters.routing.sampleList')}
          description={t('letters.routing.listHint', { max: MAX_LISTED_TARGETS })}
          required
          searchable
          data={listed.choices}
          searchValue={listed.search}
          onSearchChange={listed.onSearchChange}
          nothingFoundMessage={listed.loading ? t('common.loading') : t('letters.routing.noTargets')}
          maxValues={MAX_LISTED_TARGETS}
          hidePickedOptions
          disabled={disabled}
          {...form.getInputProps('routing.targetIds')}
        />
      )}
      {mode === 'pick' && (
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NumberInput label={t('letters.routing.min')} required {...count} {...form.getInputProps('routing.min')} />
          <NumberInput label={t('letters.routing.max')} required {...count} {...form.getInputProps('routing.max')} />
        </SimpleGrid>
      )}
      {mode === 'sample' && (
        <NumberInput
          label={t('letters.routing.sampleSize')}
          required
          maw={320}
          {...count}
          {...form.getInputProps('routing.sampleSize')}
        />
      )}
      {(mode === 'region' || mode === 'country') && (
        <MultiSelect
          label={t('letters.routing.kinds')}
          description={t('letters.routing.kindsHint')}
          data={TARGET_KINDS.map((k) => ({ value: k, label: t(`letters.kind.${k}`) }))}
          clearable
          disabled={disabled}
          {...form.getInputProps('routing.kinds')}
        />
      )}
      {mode === 'responsibility' && (
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('letters.routing.focusArea')}
            required
            data={FOCUS_AREAS.map((f) => ({ value: f, label: t(`letters.focusArea.${f}`) }))}
            disabled={disabled}
            {...form.getInputProps('routing.focusArea')}
          />
          <TextInput
            label={t('letters.routing.recommendation')}
            description={t('letters.routing.recommendationHint')}
            maxLength={40}
            disabled={disabled}
            {...form.getInputProps('routing.recommendationCode')}
          />
        </SimpleGrid>
      )}

      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select
          label={t('letters.routing.fallback')}
          description={t('letters.routing.fallbackHint')}
          placeholder={t('letters.routing.noFallback')}
          searchable
          clearable
          data={fallback.choices}
          searchValue={fallback.search}
          onSearchChange={fallback.onSearchChange}
          nothingFoundMessage={fallback.loading ? t('common.loading') : t('letters.routing.noTargets')}
          disabled={disabled}
          {...form.getInputProps('routing.fallbackTargetId')}
        />
        <NumberInput
          label={t('letters.routing.maxTargets')}
          description={t('letters.routing.maxTargetsHint')}
          required
          {...count}
          {...form.getInputProps('routing.maxTargets')}
        />
      </SimpleGrid>
    </Stack>
  );
}
