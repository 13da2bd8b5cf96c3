import type { UIToolInvocation } from 'ai';
import type { chatTools } from '../lib/chat-tools';
import { conditionLabel, WeatherIcon } from './weather-icon';

type WeatherInvocation = UIToolInvocation<(typeof chatTools)['getWeather']>;

/** The `getWeather` tool call as its own element: a placeholder while it runs, then the card. */
export function WeatherCard({ invocation }: { invocation: WeatherInvocation }) {
  if (invocation.state === 'output-error') {
    return (
      <div className="tool-card tool-card-error" data-testid="weather-card">
        Could not get the weather: {invocation.errorText}
      </div>
    );
  }
  if (invocation.state !== 'output-available') {
    const city = invocation.input?.city;
    return (
      <div className="tool-card tool-card-pending" data-testid="weather-card" aria-busy="true">
        Checking the weather{city ? ` in ${city}` : ''}…
      </div>
    );
  }
  const report = invocation.output;
  return (
    <section className="tool-card weather" data-testid="weather-card" aria-label="Weather">
      <div className="weather-now">
        <WeatherIcon condition={report.condition} size={56} />
        <div>
          <div className="weather-city">{report.city}</div>
          <div className="weather-temperature">{report.temperatureC}°C</div>
          <div className="weather-detail">
            {conditionLabel(report.condition)} · humidity {report.humidity}% · wind {report.windKph}{' '}
            km/h
          </div>
        </div>
      </div>
      <ol className="weather-forecast">
        {report.forecast.map((day) => (
          <li key={day.day}>
            <span>{day.day}</span>
            <WeatherIcon condition={day.condition} size={28} />
            <span>
              {day.highC}° <span className="muted">{day.lowC}°</span>
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
