export function UpdateBanner({ onApply }: { onApply(): void }) {
  return (
    <div class="update-banner" role="status">
      <span>A new version of Satchel is ready.</span>
      <button type="button" class="button button-small" onClick={onApply}>
        Update
      </button>
    </div>
  );
}
