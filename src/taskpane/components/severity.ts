import type { BadgeProps } from '@fluentui/react-components';
import type { Severity } from '../../engine/report';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

export const SEVERITY_BADGE: Record<Severity, NonNullable<BadgeProps['color']>> = {
  error: 'danger',
  warning: 'warning',
  info: 'informative',
};
