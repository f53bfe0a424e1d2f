import { Select, makeStyles, mergeClasses, type SelectProps } from '@fluentui/react-components';

/** A native <select> is as wide as its longest option; this one shrinks to a narrow pane. */
const useStyles = makeStyles({
  root: { minWidth: 0, maxWidth: '100%' },
  select: { minWidth: 0, width: '100%', textOverflow: 'ellipsis' },
});

export function NarrowSelect(props: SelectProps) {
  const styles = useStyles();
  return <Select {...props} className={mergeClasses(styles.root, props.className)} select={{ className: styles.select }} />;
}
