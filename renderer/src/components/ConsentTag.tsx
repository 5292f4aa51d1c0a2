import { CONSENT_LABELS, type ConsentState } from '../../../shared/domain';

/**
 * A number's consent, in words as well as colour: green only for opted in, red only for opted out; pending is
 * amber and never-asked is grey, so neither can be mistaken for a yes or a no.
 */
export function ConsentTag({ state }: { state: ConsentState }) {
  return (
    <span className={`consent-tag consent-${state.replace('_', '-')}`} data-consent={state}>
      <span className="consent-dot" aria-hidden="true" />
      {CONSENT_LABELS[state]}
    </span>
  );
}
