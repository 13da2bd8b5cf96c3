import type { WeatherCondition } from '../lib/weather';

const LABELS: Record<WeatherCondition, string> = {
  sunny: 'Sunny',
  'partly-cloudy': 'Partly cloudy',
  cloudy: 'Cloudy',
  rain: 'Rain',
  storm: 'Thunderstorm',
  snow: 'Snow',
};

export function conditionLabel(condition: WeatherCondition): string {
  return LABELS[condition];
}

const SUN = (
  <>
    <circle cx="12" cy="12" r="4.5" fill="#f5b300" />
    <path
      d="M12 2.5v2.5M12 19v2.5M2.5 12H5M19 12h2.5M5.3 5.3l1.8 1.8M16.9 16.9l1.8 1.8M5.3 18.7l1.8-1.8M16.9 7.1l1.8-1.8"
      stroke="#f5b300"
      strokeWidth="1.6"
      strokeLinecap="round"
    />
  </>
);
const CLOUD = (
  <path d="M7 18h10a4 4 0 0 0 .6-7.96A5.5 5.5 0 0 0 7.05 11.1 3.5 3.5 0 0 0 7 18z" fill="#b8c4d6" />
);

/** Drawn inline: no icon font or image to fetch. */
export function WeatherIcon({
  condition,
  size = 40,
}: {
  condition: WeatherCondition;
  size?: number;
}) {
  return (
    <svg viewBox="0 0 24 24" width={size} height={size} role="img" aria-label={LABELS[condition]}>
      {condition === 'sunny' && SUN}
      {condition === 'partly-cloudy' && (
        <>
          <circle cx="9" cy="9" r="4.5" fill="#f5b300" />
          {CLOUD}
        </>
      )}
      {condition !== 'sunny' && condition !== 'partly-cloudy' && CLOUD}
      {condition === 'rain' && (
        <path
          d="M9 20l-1 2M13 20l-1 2M17 20l-1 2"
          stroke="#3b82f6"
          strokeWidth="1.5"
          strokeLinecap="round"
        />
      )}
      {condition === 'storm' && (
        <path d="M12.5 16l-2.5 3.5h3l-2 3.5" stroke="#f59e0b" strokeWidth="1.4" fill="none" />
      )}
      {condition === 'snow' && (
        <path
          d="M9 21h.01M13 21h.01M17 21h.01"
          stroke="#7c8ba1"
          strokeWidth="2.5"
          strokeLinecap="round"
        />
      )}
    </svg>
  );
}
