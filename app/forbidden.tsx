import Link from "next/link";
import { getTranslations } from "next-intl/server";

export default async function Forbidden() {
  const t = await getTranslations();
  return (
    <>
      <h1>{t("forbidden.title")}</h1>
      <p>{t("forbidden.body")}</p>
      <Link href="/">{t("common.home")}</Link>
    </>
  );
}
