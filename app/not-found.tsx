import Link from "next/link";

export default function NotFound() {
  return (
    <div className="empty">
      <h1>Not found</h1>
      <p>
        This location does not exist or has not reported yet. <Link href="/">Back to all locations</Link>
      </p>
    </div>
  );
}
